package io.stagegate.scoring.domain;

import io.stagegate.lead.domain.Scores;
import io.stagegate.lead.domain.Scores.Kind;
import io.stagegate.lead.domain.Scores.ScoreLine;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.ScoringModel;
import io.stagegate.stages.domain.CriteriaEvaluator;
import io.stagegate.stages.domain.EvaluationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Fit and intent at an instant, every point explained. Fit: the points of each fit rule whose
 * criterion holds. Intent: each signal in the window is worth its type's points plus its topics'
 * points, halved every half-life; negative points fade the same way. Totals are clamped to
 * [0, cap] and rounded.
 */
public final class Scorer {

    private static final double MILLIS_PER_DAY = 86_400_000d;

    private final ScoringModel scoring;
    private final CriteriaEvaluator criteria;

    // score-line rule names built once, not per signal per evaluation (hot path, see bench/)
    private final Map<SignalType, String> typeRuleNames = new EnumMap<>(SignalType.class);
    private final Map<String, String> topicRuleNames = new HashMap<>();

    public Scorer(LeadModel model, CriteriaEvaluator criteria) {
        this.scoring = model.scoring();
        this.criteria = criteria;
        for (SignalType t : SignalType.values()) {
            typeRuleNames.put(t, "type:" + t.wireName());
        }
        scoring.intentByTopic().keySet().forEach(topic -> topicRuleNames.put(topic, "topic:" + topic));
    }

    public Scores score(EvaluationContext ctx) {
        List<ScoreLine> lines = new ArrayList<>();
        double fit = 0;
        for (ScoringModel.FitRule rule : scoring.fit()) {
            if (criteria.test(rule.criterion(), ctx)) {
                fit += rule.points();
                lines.add(new ScoreLine(Kind.FIT, rule.name(), null, rule.points()));
            }
        }
        double intent = 0;
        Instant now = ctx.now();
        Instant windowStart = now.minus(Duration.ofDays(scoring.windowDays()));
        for (Signal s : ctx.signals()) {
            if (s.occurredAt() == null || s.occurredAt().isBefore(windowStart) || s.occurredAt().isAfter(now)) {
                continue;
            }
            double factor = decay(s.occurredAt(), now);
            Integer typePoints = scoring.intentBySignalType().get(s.type().wireName());
            if (typePoints != null && typePoints != 0) {
                double p = typePoints * factor;
                intent += p;
                lines.add(new ScoreLine(Kind.INTENT, typeRuleNames.get(s.type()), s.signalId(), round2(p)));
            }
            for (String topic : s.topics()) {
                Integer topicPoints = scoring.intentByTopic().get(topic);
                if (topicPoints != null && topicPoints != 0) {
                    double p = topicPoints * factor;
                    intent += p;
                    lines.add(new ScoreLine(Kind.INTENT, topicRuleNames.get(topic), s.signalId(), round2(p)));
                }
            }
        }
        return new Scores(clamp(fit, scoring.fitCap()), clamp(intent, scoring.intentCap()), now, lines);
    }

    /** 1 at the moment of the signal, 0.5 after one half-life, never above 1. */
    public double decay(Instant occurredAt, Instant now) {
        double ageDays = Math.max(0, (now.toEpochMilli() - occurredAt.toEpochMilli()) / MILLIS_PER_DAY);
        return Math.pow(0.5, ageDays / scoring.halfLifeDays());
    }

    private static int clamp(double v, int cap) {
        return (int) Math.round(Math.max(0, Math.min(cap, v)));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100d;
    }
}
