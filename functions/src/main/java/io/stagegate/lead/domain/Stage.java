package io.stagegate.lead.domain;

/**
 * Journey stages: exactly one per lead, always. The allowed moves between them live in
 * {@code io.stagegate.stages.domain.Lifecycle}, not here, so the graph is read in one place.
 */
public enum Stage {
    NEW_INBOUND,
    MARKETING_ENGAGED,
    MARKETING_QUALIFIED,
    SALES_ACCEPTED,
    SALES_QUALIFIED,
    OPPORTUNITY,
    RECYCLE,
    DISQUALIFIED,
    CLOSED_WON,
    CLOSED_LOST;

    public boolean isTerminal() {
        return this == DISQUALIFIED || this == CLOSED_WON || this == CLOSED_LOST;
    }

    /** Parses a stage name case-insensitively; {@code null} when it names no stage. */
    public static Stage parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
