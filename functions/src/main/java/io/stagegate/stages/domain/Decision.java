package io.stagegate.stages.domain;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one stage's entry rule: either the lead moves ({@link #moves()}) or it
 * stays, and then {@code missingFields} and {@code failed} say why.
 */
public record Decision(
        Stage from,
        Stage to,
        String actor,
        String rule,
        String ruleSetVersion,
        List<String> passed,
        List<String> failed,
        List<String> missingFields,
        Map<String, Object> evidence,
        String reason,
        String note) {

    public Decision {
        passed = passed == null ? List.of() : List.copyOf(passed);
        failed = failed == null ? List.of() : List.copyOf(failed);
        missingFields = missingFields == null ? List.of() : List.copyOf(missingFields);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    public boolean moves() {
        return failed.isEmpty() && missingFields.isEmpty();
    }

    /** The immutable record of this move as the lead's next transition. */
    public Transition toTransition(Lead lead, Instant at, String causationId) {
        if (!moves()) {
            throw new IllegalStateException("decision does not move the lead: " + this);
        }
        if (!Lifecycle.allowed(from, to)) {
            throw new IllegalStateException("not an edge of the lifecycle: " + from + " -> " + to);
        }
        return new Transition(lead.leadId(), lead.transitions() + 1, from, to, at, actor, rule, ruleSetVersion,
                passed, failed, evidence, reason, note, causationId);
    }
}
