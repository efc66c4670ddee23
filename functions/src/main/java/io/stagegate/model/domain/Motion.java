package io.stagegate.model.domain;

import io.stagegate.lead.domain.Stage;

import java.util.List;
import java.util.Map;

/**
 * A sales motion: the same stage structure for all, its own entry criteria for the automated
 * stages and the facts people must confirm at the human gates.
 *
 * @param automated            entry rules of MARKETING_ENGAGED and MARKETING_QUALIFIED
 * @param gates                criteria a person's action must satisfy to enter a human stage
 * @param scheduleCallAccepts  a scheduled call on an MQL lead means SALES_ACCEPTED (services)
 */
public record Motion(String id, String description, Map<Stage, EntryRule> automated,
                     Map<Stage, EntryRule> gates, boolean scheduleCallAccepts) {

    /**
     * @param rule           the name recorded on transitions
     * @param requiredFields minimum verified fields; a missing one blocks and is named
     * @param criteria       named criteria, all of which must hold
     */
    public record EntryRule(String rule, List<LeadField> requiredFields, List<String> criteria) {
    }
}
