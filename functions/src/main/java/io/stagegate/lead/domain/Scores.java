package io.stagegate.lead.domain;

import java.time.Instant;
import java.util.List;

/**
 * Fit and intent at {@code computedAt}, with every point explained.
 */
public record Scores(int fit, int intent, Instant computedAt, List<ScoreLine> lines) {

    public static final Scores NONE = new Scores(0, 0, null, List.of());

    public Scores {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * One contribution: which rule gave how many points, from which signal (null for fit rules).
     * {@code points} is after decay; the total may be capped, so lines can add up to more.
     */
    public record ScoreLine(Kind kind, String rule, String signalId, double points) {
    }

    public enum Kind { FIT, INTENT }
}
