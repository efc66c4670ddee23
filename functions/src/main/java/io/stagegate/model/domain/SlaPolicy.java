package io.stagegate.model.domain;

import io.stagegate.lead.domain.Stage;

import java.util.List;

/**
 * A response deadline for a stage: the lead must leave it (or see {@code stopOn}) within
 * {@code hours} (business hours when {@code businessHours}). On each breach the next step of
 * {@code escalation} applies; after the last step the last one repeats.
 */
public record SlaPolicy(Stage stage, String name, int hours, boolean businessHours, String stopOn,
                        List<Escalation> escalation) {

    public enum Escalation { REASSIGN, NOTIFY_MANAGER }
}
