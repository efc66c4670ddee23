package io.stagegate.sales.domain;

import io.stagegate.lead.domain.FollowUp;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.Motion;
import io.stagegate.sales.domain.ActionOutcome.Kind;
import io.stagegate.sales.domain.ActionOutcome.Refused;
import io.stagegate.stages.domain.Contact;
import io.stagegate.stages.domain.Decision;
import io.stagegate.stages.domain.EvaluationContext;
import io.stagegate.stages.domain.Lifecycle;
import io.stagegate.stages.domain.StageEngine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.stagegate.lead.domain.Stage.*;

/**
 * Validates and applies the decisions people make: allowed from this stage (else 409 with why)?
 * required facts and reason codes present (else 422 naming them)? The human gates of the motion
 * are criteria of the lead model, evaluated on the lead's facts plus those being confirmed now.
 */
public final class SalesActions {

    public static final Set<String> ACTIONS = Set.of("accept", "record_outreach", "schedule_call", "qualify",
            "reject", "recycle", "disqualify", "convert", "close_won", "close_lost");

    private static final Set<Stage> OPEN_STAGES = EnumSet.of(NEW_INBOUND, MARKETING_ENGAGED, MARKETING_QUALIFIED,
            SALES_ACCEPTED, SALES_QUALIFIED, OPPORTUNITY, RECYCLE);

    private final StageEngine engine;
    private final LeadModel model;

    public SalesActions(StageEngine engine) {
        this.engine = engine;
        this.model = engine.model();
    }

    public ActionOutcome decide(Lead lead, ActionRequest req, List<Contact> contacts, Instant now) {
        if (req.action() == null || !ACTIONS.contains(req.action())) {
            return new Refused(Kind.INVALID, "UNKNOWN_ACTION", "action must be one of " + ACTIONS, "action", List.of());
        }
        if (req.actor() == null || req.actor().isBlank()) {
            return new Refused(Kind.INVALID, "ACTOR_REQUIRED", "say who decides: actor is required", "actor", List.of());
        }
        Motion motion = model.motion(lead.motion());
        return switch (req.action()) {
            case "accept" -> gated(lead, req, contacts, now, MARKETING_QUALIFIED, SALES_ACCEPTED, motion);
            case "schedule_call" -> scheduleCall(lead, req, contacts, now, motion);
            case "record_outreach" -> recordOutreach(lead, req, now);
            case "qualify" -> gated(lead, req, contacts, now, SALES_ACCEPTED, SALES_QUALIFIED, motion);
            case "convert" -> gated(lead, req, contacts, now, SALES_QUALIFIED, OPPORTUNITY, motion);
            case "close_won" -> simple(lead, req, now, EnumSet.of(OPPORTUNITY), CLOSED_WON, null, null);
            case "close_lost" -> simple(lead, req, now, EnumSet.of(OPPORTUNITY), CLOSED_LOST, "close_lost", null);
            case "disqualify" -> simple(lead, req, now, OPEN_STAGES, DISQUALIFIED, "disqualify", null);
            case "recycle" -> recycle(lead, req, now);
            case "reject" -> reject(lead, req, now);
            default -> throw new IllegalStateException(req.action());
        };
    }

    private static Refused notAllowed(Lead lead, ActionRequest req, Set<Stage> from) {
        return new Refused(Kind.NOT_ALLOWED, "TRANSITION_NOT_ALLOWED",
                req.action() + " is not allowed in stage " + lead.stage() + " (allowed from " + from + ")", "action",
                List.of("stage-allows-" + req.action().replace('_', '-')));
    }

    /** accept / qualify / convert: the stage must allow it and the motion's gate criteria must hold. */
    private ActionOutcome gated(Lead lead, ActionRequest req, List<Contact> contacts, Instant now, Stage from,
                                Stage to, Motion motion) {
        if (lead.stage() != from) {
            return notAllowed(lead, req, EnumSet.of(from));
        }
        List<String> gate = new ArrayList<>();
        String rule = req.action();
        if (to == OPPORTUNITY) {
            gate.addAll(model.opportunityGate());
        }
        Motion.EntryRule entry = motion.gates().get(to);
        if (entry != null) {
            gate.addAll(entry.criteria());
            rule = entry.rule();
        }
        EvaluationContext ctx = new EvaluationContext(lead, List.of(), now, contacts, req.facts(), null,
                engine.normaliser());
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String name : gate) {
            (engine.criteria().test(name, ctx) ? passed : failed).add(name);
        }
        if (!failed.isEmpty()) {
            return new Refused(Kind.INVALID, "QUALIFICATION_INCOMPLETE",
                    "to " + req.action() + " this " + lead.motion() + " lead, confirm: " + String.join(", ", failed),
                    "facts", failed);
        }
        Lead withFacts = lead.toBuilder().facts(ctx.facts()).build();
        return transition(withFacts, req, now, to, rule, passed, null);
    }

    private ActionOutcome scheduleCall(Lead lead, ActionRequest req, List<Contact> contacts, Instant now, Motion motion) {
        Object callAt = firstNonNull(req.facts().get("callAt"), req.facts().get("scopingCallAt"),
                req.facts().get("discoveryCallAt"));
        if (callAt == null) {
            return new Refused(Kind.INVALID, "CALL_TIME_REQUIRED", "schedule_call needs facts.callAt (ISO-8601)",
                    "facts.callAt", List.of());
        }
        if (lead.stage() == MARKETING_QUALIFIED && motion.scheduleCallAccepts()) {
            Map<String, Object> facts = new LinkedHashMap<>(req.facts());
            facts.remove("callAt");
            facts.put("scopingCallAt", String.valueOf(callAt));
            return gated(lead, new ActionRequest(req.action(), req.actor(), req.reason(), req.followUpAt(), facts,
                    req.note()), contacts, now, MARKETING_QUALIFIED, SALES_ACCEPTED, motion);
        }
        if (lead.stage() != SALES_ACCEPTED && lead.stage() != SALES_QUALIFIED) {
            return notAllowed(lead, req, motion.scheduleCallAccepts()
                    ? EnumSet.of(MARKETING_QUALIFIED, SALES_ACCEPTED, SALES_QUALIFIED)
                    : EnumSet.of(SALES_ACCEPTED, SALES_QUALIFIED));
        }
        Lead updated = lead.toBuilder()
                .fact(motion.scheduleCallAccepts() && lead.stage() == SALES_ACCEPTED ? "scopingCallAt" : "discoveryCallAt",
                        String.valueOf(callAt))
                .status("CONNECTED").updatedAt(now).build();
        return new ActionOutcome.Applied(updated, Optional.empty(), false);
    }

    private ActionOutcome recordOutreach(Lead lead, ActionRequest req, Instant now) {
        if (lead.stage() != SALES_ACCEPTED && lead.stage() != SALES_QUALIFIED && lead.stage() != MARKETING_QUALIFIED) {
            return notAllowed(lead, req, EnumSet.of(MARKETING_QUALIFIED, SALES_ACCEPTED, SALES_QUALIFIED));
        }
        boolean stops = engine.slaClock().stops(lead.sla(), "record_outreach");
        Lead.Builder b = lead.toBuilder().status(lead.stage() == SALES_ACCEPTED ? "ATTEMPTING_CONTACT" : lead.status())
                .updatedAt(now);
        if (!lead.facts().containsKey("firstOutreachAt")) {
            b.fact("firstOutreachAt", now.toString()).fact("firstOutreachBy", req.actor());
        }
        if (stops) {
            b.sla(null);
        }
        return new ActionOutcome.Applied(b.build(), Optional.empty(), stops);
    }

    private ActionOutcome recycle(Lead lead, ActionRequest req, Instant now) {
        Set<Stage> from = EnumSet.of(MARKETING_ENGAGED, MARKETING_QUALIFIED, SALES_ACCEPTED, SALES_QUALIFIED, OPPORTUNITY);
        if (!from.contains(lead.stage())) {
            return notAllowed(lead, req, from);
        }
        if (req.followUpAt() == null) {
            return new Refused(Kind.INVALID, "FOLLOW_UP_REQUIRED", "recycle needs followUpAt (ISO-8601, in the future)",
                    "followUpAt", List.of());
        }
        if (!req.followUpAt().isAfter(now)) {
            return new Refused(Kind.INVALID, "FOLLOW_UP_IN_PAST", "followUpAt must be in the future", "followUpAt", List.of());
        }
        return simple(lead, req, now, from, RECYCLE, "recycle", new FollowUp(req.followUpAt(), req.reason()));
    }

    /** Sales feedback: back to marketing (RECYCLE), the reason recorded with the rule that let the lead through. */
    private ActionOutcome reject(Lead lead, ActionRequest req, Instant now) {
        Set<Stage> from = EnumSet.of(MARKETING_QUALIFIED, SALES_ACCEPTED);
        if (!from.contains(lead.stage())) {
            return notAllowed(lead, req, from);
        }
        Instant followUp = req.followUpAt() != null ? req.followUpAt() : now.plus(Duration.ofDays(model.rejectFollowUpDays()));
        if (!followUp.isAfter(now)) {
            return new Refused(Kind.INVALID, "FOLLOW_UP_IN_PAST", "followUpAt must be in the future", "followUpAt", List.of());
        }
        return simple(lead, req, now, from, RECYCLE, "reject", new FollowUp(followUp, req.reason()));
    }

    private ActionOutcome simple(Lead lead, ActionRequest req, Instant now, Set<Stage> from, Stage to,
                                 String reasonList, FollowUp followUp) {
        if (!from.contains(lead.stage()) || !Lifecycle.allowed(lead.stage(), to)) {
            return notAllowed(lead, req, from);
        }
        if (reasonList != null) {
            Set<String> codes = model.reasonCodes().get(reasonList);
            if (req.reason() == null || req.reason().isBlank()) {
                return new Refused(Kind.INVALID, "REASON_REQUIRED", req.action() + " needs a reason code, one of " + codes,
                        "reason", List.of());
            }
            if (!codes.contains(req.reason())) {
                return new Refused(Kind.INVALID, "UNKNOWN_REASON", "'" + req.reason() + "' is not a " + reasonList
                        + " reason; use one of " + codes + " (free text goes in note)", "reason", List.of());
            }
        }
        return transition(lead, req, now, to, req.action(), List.of(), followUp);
    }

    private ActionOutcome transition(Lead lead, ActionRequest req, Instant now, Stage to, String rule,
                                     List<String> passed, FollowUp followUp) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("action", req.action());
        evidence.put("fitScore", lead.scores().fit());
        evidence.put("intentScore", lead.scores().intent());
        if (!req.facts().isEmpty()) {
            evidence.put("facts", req.facts());
        }
        if (followUp != null) {
            evidence.put("followUpAt", followUp.dueAt().toString());
        }
        if ("reject".equals(req.action()) && lead.qualifiedByRule() != null) {
            evidence.put("rejectedRule", lead.qualifiedByRule());
        }
        Decision d = new Decision(lead.stage(), to, req.actor(), rule, model.version(), passed, List.of(), List.of(),
                evidence, req.reason(), req.note());
        Transition t = d.toTransition(lead, now, null);
        Lead moved = engine.apply(lead, t);
        if (followUp != null) {
            moved = moved.toBuilder().followUp(followUp).build();
        }
        return new ActionOutcome.Applied(moved, Optional.of(t), false);
    }

    private static Object firstNonNull(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
