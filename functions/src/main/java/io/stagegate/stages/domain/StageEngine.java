package io.stagegate.stages.domain;

import io.stagegate.intake.domain.Normaliser;
import io.stagegate.lead.domain.FollowUp;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Scores;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import io.stagegate.model.domain.LeadField;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.Motion;
import io.stagegate.model.domain.RoleGate;
import io.stagegate.scoring.domain.Scorer;
import io.stagegate.sla.domain.SlaClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Automated stage evaluation: scores the lead and decides whether it enters its next automated
 * stage. Pure: the same lead, signals, model and instant always give the same result. Automation
 * never moves a lead past MARKETING_QUALIFIED; before MARKETING_QUALIFIED the model's fit gate and
 * the role gates are always checked, whatever the motion says.
 */
public final class StageEngine {

    public static final String RECYCLE_SWEEP_RULE = "recycle-sweep";

    private final LeadModel model;
    private final Normaliser normaliser;
    private final CriteriaEvaluator criteria;
    private final Scorer scorer;
    private final SlaClock slaClock;

    public StageEngine(LeadModel model) {
        this.model = model;
        this.normaliser = new Normaliser(model);
        this.criteria = new CriteriaEvaluator(model);
        this.scorer = new Scorer(model, criteria);
        this.slaClock = new SlaClock(model);
    }

    public LeadModel model() {
        return model;
    }

    public Normaliser normaliser() {
        return normaliser;
    }

    public CriteriaEvaluator criteria() {
        return criteria;
    }

    public Scorer scorer() {
        return scorer;
    }

    public SlaClock slaClock() {
        return slaClock;
    }

    public EvaluationContext context(Lead lead, List<Signal> signals, Instant now) {
        return new EvaluationContext(lead, signals, now, List.of(), null, null, normaliser);
    }

    /** Scores only (the scoring step of the pipeline). */
    public Evaluation score(Lead lead, List<Signal> signals, Instant now) {
        EvaluationContext ctx = context(lead, signals, now);
        Scores scores = scorer.score(ctx);
        return new Evaluation(scores, ctx.useCases(), ctx.frameworks(), Optional.empty());
    }

    /** Scores the lead and decides its next automated stage, if its stage has one. */
    public Evaluation evaluate(Lead lead, List<Signal> signals, Instant now) {
        EvaluationContext first = context(lead, signals, now);
        Scores scores = scorer.score(first);
        EvaluationContext ctx = first.withScores(scores);
        return new Evaluation(scores, ctx.useCases(), ctx.frameworks(), decideNext(lead, ctx, scores));
    }

    private Optional<Decision> decideNext(Lead lead, EvaluationContext ctx, Scores scores) {
        Stage target = switch (lead.stage()) {
            case NEW_INBOUND -> Stage.MARKETING_ENGAGED;
            case MARKETING_ENGAGED -> Stage.MARKETING_QUALIFIED;
            default -> null;
        };
        if (target == null) {
            return Optional.empty();
        }
        Motion motion = model.motion(lead.motion());
        Motion.EntryRule rule = motion.automated().get(target);
        List<String> missing = new ArrayList<>();
        for (LeadField f : rule.requiredFields()) {
            if (!ctx.isPresent(f)) {
                missing.add(f.fieldName());
            }
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        if (target == Stage.MARKETING_QUALIFIED) {
            record(model.fitGate(), criteria.test(model.fitGate(), ctx), passed, failed);
            for (RoleGate gate : model.roleGates()) {
                String role = lead.person().role();
                boolean applies = gate.roles().contains(role) || (gate.technical() && normaliser.isTechnicalRole(role));
                if (applies) {
                    record(gate.name(), criteria.test(gate.requires(), ctx), passed, failed);
                }
            }
        }
        for (String name : rule.criteria()) {
            if (!passed.contains(name) && !failed.contains(name)) {
                record(name, criteria.test(name, ctx), passed, failed);
            }
        }
        return Optional.of(new Decision(lead.stage(), target, Transition.AUTOMATION, rule.rule(), model.version(),
                passed, failed, missing, evidence(ctx, scores), null, null));
    }

    private static void record(String name, boolean ok, List<String> passed, List<String> failed) {
        (ok ? passed : failed).add(name);
    }

    private Map<String, Object> evidence(EvaluationContext ctx, Scores scores) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("fitScore", scores.fit());
        e.put("intentScore", scores.intent());
        e.put("signals", ctx.signals().size());
        List<String> recent = new ArrayList<>();
        for (int i = ctx.signals().size() - 1; i >= 0 && recent.size() < 5; i--) {
            recent.add(ctx.signals().get(i).signalId());
        }
        e.put("recentSignals", recent);
        // every named criterion looked at, nested ones included: the full "why"
        e.put("criteria", new LinkedHashMap<>(ctx.named));
        return e;
    }

    /**
     * Moves automation as far as the rules allow from the lead's stage (at most two steps:
     * NEW_INBOUND → MARKETING_ENGAGED → MARKETING_QUALIFIED), each step a transition.
     *
     * @return the transitions in order and the lead after them; the final evaluation tells why it
     *         stopped
     */
    public Advance advance(Lead lead, List<Signal> signals, Instant now, String causationId) {
        List<Transition> transitions = new ArrayList<>();
        Lead current = lead;
        Evaluation evaluation = evaluate(current, signals, now);
        current = withEvaluation(current, evaluation);
        while (evaluation.moves() && transitions.size() < 2) {
            Transition t = evaluation.decision().get().toTransition(current, now, causationId);
            transitions.add(t);
            current = apply(current, t);
            evaluation = evaluate(current, signals, now);
            current = withEvaluation(current, evaluation);
        }
        return new Advance(current, transitions, evaluation);
    }

    /** The outcome of {@link #advance}. */
    public record Advance(Lead lead, List<Transition> transitions, Evaluation last) {
    }

    /** The lead with fresh scores and derived use cases and frameworks. */
    public Lead withEvaluation(Lead lead, Evaluation e) {
        return lead.toBuilder().scores(e.scores()).useCases(e.useCases()).frameworks(e.frameworks()).build();
    }

    /**
     * The snapshot after a transition: stage, default status, stage entry time, transition count,
     * and the timers the new stage starts or the old one stops.
     */
    public Lead apply(Lead lead, Transition t) {
        Lead.Builder b = lead.toBuilder()
                .stage(t.to())
                .status(model.defaultStatus(t.to()))
                .stageEnteredAt(t.at())
                .updatedAt(t.at())
                .transitions(t.seq())
                .sla(slaClock.start(t.to(), t.at()).orElse(null));
        if (t.to() == Stage.MARKETING_QUALIFIED) {
            b.qualifiedByRule(t.rule());
        }
        if (t.to() != Stage.RECYCLE) {
            b.followUp(null);
        }
        if (t.to() == Stage.MARKETING_ENGAGED || t.to() == Stage.RECYCLE || t.to().isTerminal()) {
            b.assignment(null);
        }
        return b.build();
    }

    /**
     * The recycle sweep's decision for a lead whose follow-up has come: back to
     * MARKETING_ENGAGED, naming the sweep and the original recycle reason. Empty when not due.
     */
    public Optional<Decision> recycleReturn(Lead lead, Instant now) {
        FollowUp f = lead.followUp();
        if (lead.stage() != Stage.RECYCLE || f == null || f.dueAt().isAfter(now)) {
            return Optional.empty();
        }
        Map<String, Object> evidence = Map.of("followUpAt", f.dueAt().toString(), "recycleReason",
                f.reason() == null ? "" : f.reason());
        return Optional.of(new Decision(Stage.RECYCLE, Stage.MARKETING_ENGAGED, Transition.AUTOMATION,
                RECYCLE_SWEEP_RULE, model.version(), List.of("follow-up-due"), List.of(), List.of(), evidence,
                f.reason(), null));
    }
}
