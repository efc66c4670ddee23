package io.stagegate.model.domain;

import java.util.List;
import java.util.Map;

/**
 * Fit points come from named criteria; intent points from each signal's type and topics, halved
 * every {@code halfLifeDays}, ignored after {@code windowDays}. Negative points are allowed
 * (non-buyers, careers pages). Totals are clamped to [0, cap].
 */
public record ScoringModel(
        int fitCap,
        int intentCap,
        double halfLifeDays,
        int windowDays,
        List<FitRule> fit,
        Map<String, Integer> intentBySignalType,
        Map<String, Integer> intentByTopic) {

    public record FitRule(String name, String criterion, int points) {
    }
}
