package io.stagegate.lead.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable record of one stage change, enough on its own to answer "why is this lead here?".
 *
 * @param seq            1, 2, 3… per lead; the store writes it put-if-absent, so no gaps or doubles
 * @param actor          {@code automation} or a named user id
 * @param rule           the model rule (automation), the action (people) or the sweep that moved it
 * @param ruleSetVersion version of the lead model the decision was made with
 * @param passed         named criteria that held
 * @param failed         named criteria that did not (on a rejection, the reasons)
 * @param evidence       scores and the signals the decision looked at
 * @param reason         reason code for human decisions and sweeps, else null
 * @param causationId    id of the message or request that caused it (idempotency on redelivery)
 */
public record Transition(
        String leadId,
        int seq,
        Stage from,
        Stage to,
        Instant at,
        String actor,
        String rule,
        String ruleSetVersion,
        List<String> passed,
        List<String> failed,
        Map<String, Object> evidence,
        String reason,
        String note,
        String causationId) {

    public static final String AUTOMATION = "automation";

    public Transition {
        passed = passed == null ? List.of() : List.copyOf(passed);
        failed = failed == null ? List.of() : List.copyOf(failed);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** Stable id for consumers to dedupe on: the same transition always has the same id. */
    public String transitionId() {
        return transitionId(leadId, seq);
    }

    public static String transitionId(String leadId, int seq) {
        return leadId + ":" + seq;
    }
}
