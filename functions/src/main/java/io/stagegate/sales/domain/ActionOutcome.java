package io.stagegate.sales.domain;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Transition;

import java.util.List;
import java.util.Optional;

/** What a sales action does: applied (maybe with a transition), or refused with the reason. */
public sealed interface ActionOutcome {

    /**
     * @param lead       the lead after the action (transition applied, facts and timers updated)
     * @param transition the stage change, if the action made one
     * @param slaStopped the action ended the running SLA timer
     */
    record Applied(Lead lead, Optional<Transition> transition, boolean slaStopped) implements ActionOutcome {
    }

    /**
     * @param kind   NOT_ALLOWED (409: the stage does not allow it) or INVALID (422: facts or reason
     *               missing or wrong)
     * @param field  the request field at fault, when one is
     * @param failed the criteria or rules that failed
     */
    record Refused(Kind kind, String code, String message, String field, List<String> failed) implements ActionOutcome {
        public Refused {
            failed = failed == null ? List.of() : List.copyOf(failed);
        }
    }

    enum Kind { NOT_ALLOWED, INVALID }
}
