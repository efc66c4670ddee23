package io.stagegate.sales.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A person's decision on a lead, as the actions API receives it.
 *
 * @param reason a reason code from the model's closed list for the action (free text goes in note)
 */
public record ActionRequest(String action, String actor, String reason, Instant followUpAt,
                            Map<String, Object> facts, String note) {

    public ActionRequest {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
