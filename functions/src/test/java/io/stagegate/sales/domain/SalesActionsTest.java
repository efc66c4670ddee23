package io.stagegate.sales.domain;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import io.stagegate.stages.domain.Contact;
import io.stagegate.stages.domain.Decision;
import io.stagegate.stages.domain.StageEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.action;
import static io.stagegate.fixtures.Outcomes.advance;
import static io.stagegate.fixtures.Outcomes.applied;
import static io.stagegate.fixtures.Outcomes.mql;
import static io.stagegate.fixtures.Outcomes.refused;
import static io.stagegate.fixtures.Outcomes.transitionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md: human gates, reasons, recycle, opportunity, partner attribution, sales feedback. */
class SalesActionsTest {

    private static final SalesActions SALES = new SalesActions(ENGINE);
    private static final Instant NOW = Leads.T0.plus(Duration.ofHours(2));
    private static final Map<String, Object> DISCOVERY = Map.of("discoveryCallAt", "2026-03-04T15:00:00Z",
            "telemetrySources", List.of("Okta"), "keyUseCases", List.of("threat detection"));
    private static final Map<String, Object> OPPORTUNITY_FACTS = Map.of("qualifiedProblem", "alert fatigue",
            "requirements", List.of("SIEM integration"), "nextStep", "technical workshop on 2026-03-12");
    private static final List<Contact> BUYING_GROUP = List.of(new Contact("ld_ciso", "security-leadership"),
            new Contact("ld_arch", "security-architect"));

    static Lead demoMql() {
        return mql(Leads.from(Forms.demoRequest()).views("/platform/detections"));
    }

    static Lead act(Lead lead, String action, Map<String, Object> facts) {
        return applied(SALES.decide(lead, action(action, facts), BUYING_GROUP, NOW));
    }

    static Lead demoSql() {
        return act(act(demoMql(), "accept", Map.of()), "qualify", DISCOVERY);
    }

    @Test
    @DisplayName("SALES_ACCEPTED and SALES_QUALIFIED are entered only by a person's action, recording who and why")
    void humanTransitionsRecordActorAndReason() {
        ActionRequest req = new ActionRequest("accept", "sofia.sdr", null, null, Map.of(), "fits our NA list");
        Transition t = transitionOf(SALES.decide(demoMql(), req, List.of(), NOW));
        assertThat(t.actor()).isEqualTo("sofia.sdr");
        assertThat(t.note()).isEqualTo("fits our NA list");
        assertThat(t.ruleSetVersion()).isEqualTo(Leads.MODEL.version());
        assertThat(t.from()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(t.to()).isEqualTo(Stage.SALES_ACCEPTED);

        Lead lead = act(demoMql(), "accept", Map.of());
        Transition dq = transitionOf(SALES.decide(lead, new ActionRequest("disqualify", "sofia.sdr", "competitor", null,
                Map.of(), "works for a competitor"), List.of(), NOW));
        assertThat(dq.actor()).isEqualTo("sofia.sdr");
        assertThat(dq.reason()).isEqualTo("competitor");
        assertThat(dq.to()).isEqualTo(Stage.DISQUALIFIED);
    }

    @Test
    @DisplayName("an action without an actor is refused (422, field actor)")
    void actorRequired() {
        ActionOutcome.Refused r = refused(SALES.decide(demoMql(), new ActionRequest("accept", " ", null, null, Map.of(),
                null), List.of(), NOW));
        assertThat(r.kind()).isEqualTo(ActionOutcome.Kind.INVALID);
        assertThat(r.field()).isEqualTo("actor");
    }

    @Test
    @DisplayName("accepting a lead that is not MQL is refused with 409 NOT_ALLOWED")
    void acceptOutOfOrderIsNotAllowed() {
        Lead fresh = Leads.from(Forms.demoRequest()).lead();
        ActionOutcome.Refused r = refused(SALES.decide(fresh, action("accept", Map.of()), List.of(), NOW));
        assertThat(r.kind()).isEqualTo(ActionOutcome.Kind.NOT_ALLOWED);
        assertThat(refused(SALES.decide(fresh, action("qualify", DISCOVERY), List.of(), NOW)).kind())
                .isEqualTo(ActionOutcome.Kind.NOT_ALLOWED);
        assertThat(refused(SALES.decide(demoMql(), action("close_won", Map.of()), List.of(), NOW)).kind())
                .isEqualTo(ActionOutcome.Kind.NOT_ALLOWED);
    }

    @Test
    @DisplayName("DISQUALIFIED refuses free text or a missing reason (422 INVALID, field reason); a listed code works")
    void disqualifyNeedsReasonCode() {
        Lead lead = demoMql();
        ActionOutcome.Refused freeText = refused(SALES.decide(lead, action("disqualify", "they are not a fit really"),
                List.of(), NOW));
        assertThat(freeText.kind()).isEqualTo(ActionOutcome.Kind.INVALID);
        assertThat(freeText.field()).isEqualTo("reason");
        ActionOutcome.Refused missing = refused(SALES.decide(lead, action("disqualify", (String) null), List.of(), NOW));
        assertThat(missing.kind()).isEqualTo(ActionOutcome.Kind.INVALID);
        assertThat(missing.field()).isEqualTo("reason");

        for (String code : List.of("wrong_fit", "no_relevant_use_case", "no_decision_influence", "competitor", "spam")) {
            Transition t = transitionOf(SALES.decide(lead, action("disqualify", code), List.of(), NOW));
            assertThat(t.to()).isEqualTo(Stage.DISQUALIFIED);
            assertThat(t.reason()).isEqualTo(code);
        }
    }

    @Test
    @DisplayName("CLOSED_LOST refuses free text or a missing reason (422 INVALID, field reason); a listed code works")
    void closeLostNeedsReasonCode() {
        Lead opp = act(demoSql(), "convert", OPPORTUNITY_FACTS);
        assertThat(opp.stage()).isEqualTo(Stage.OPPORTUNITY);
        ActionOutcome.Refused freeText = refused(SALES.decide(opp, action("close_lost", "went quiet"), List.of(), NOW));
        assertThat(freeText.kind()).isEqualTo(ActionOutcome.Kind.INVALID);
        assertThat(freeText.field()).isEqualTo("reason");
        assertThat(refused(SALES.decide(opp, action("close_lost", ""), List.of(), NOW)).field()).isEqualTo("reason");

        Transition t = transitionOf(SALES.decide(opp, action("close_lost", "lost_to_competitor"), List.of(), NOW));
        assertThat(t.to()).isEqualTo(Stage.CLOSED_LOST);
        assertThat(t.reason()).isEqualTo("lost_to_competitor");

        assertThat(transitionOf(SALES.decide(opp, action("close_won", (String) null), List.of(), NOW)).to())
                .isEqualTo(Stage.CLOSED_WON);
    }

    @Test
    @DisplayName("RECYCLE stores the reason and follow-up date; the sweep returns it to MARKETING_ENGAGED when due, not before")
    void recycleAndReturn() {
        Instant followUp = NOW.plus(Duration.ofDays(60));
        ActionRequest req = new ActionRequest("recycle", "sam.sdr", "no_budget_timing", followUp, Map.of(), null);
        ActionOutcome out = SALES.decide(demoMql(), req, List.of(), NOW);
        Lead recycled = applied(out);
        assertThat(recycled.stage()).isEqualTo(Stage.RECYCLE);
        assertThat(recycled.followUp().dueAt()).isEqualTo(followUp);
        assertThat(recycled.followUp().reason()).isEqualTo("no_budget_timing");
        assertThat(transitionOf(out).reason()).isEqualTo("no_budget_timing");
        assertThat(recycled.sla()).isNull();

        assertThat(ENGINE.recycleReturn(recycled, followUp.minusSeconds(1))).isEmpty();

        Decision back = ENGINE.recycleReturn(recycled, followUp).orElseThrow();
        assertThat(back.from()).isEqualTo(Stage.RECYCLE);
        assertThat(back.to()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(back.rule()).isEqualTo(StageEngine.RECYCLE_SWEEP_RULE);
        assertThat(back.reason()).isEqualTo("no_budget_timing");
        assertThat(back.evidence()).containsEntry("recycleReason", "no_budget_timing");
        Transition t = back.toTransition(recycled, followUp, "sweep-1");
        Lead returned = ENGINE.apply(recycled, t);
        assertThat(returned.stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(returned.followUp()).isNull();
    }

    @Test
    @DisplayName("RECYCLE needs a listed reason and a future follow-up date")
    void recycleValidation() {
        Lead lead = demoMql();
        assertThat(refused(SALES.decide(lead, new ActionRequest("recycle", "sam.sdr", "maybe later",
                NOW.plus(Duration.ofDays(30)), Map.of(), null), List.of(), NOW)).field()).isEqualTo("reason");
        assertThat(refused(SALES.decide(lead, new ActionRequest("recycle", "sam.sdr", "evaluating_alternatives", null,
                Map.of(), null), List.of(), NOW)).field()).isEqualTo("followUpAt");
        assertThat(refused(SALES.decide(lead, new ActionRequest("recycle", "sam.sdr", "waiting_internal_approval",
                NOW.minusSeconds(60), Map.of(), null), List.of(), NOW)).field()).isEqualTo("followUpAt");
    }

    @Test
    @DisplayName("OPPORTUNITY needs a qualified problem, requirements, next step and a buying group at the account")
    void opportunityNeedsBuyingGroup() {
        Lead sql = demoSql();
        assertThat(sql.stage()).isEqualTo(Stage.SALES_QUALIFIED);

        ActionOutcome.Refused nothing = refused(SALES.decide(sql, action("convert", Map.of()), List.of(), NOW));
        assertThat(nothing.kind()).isEqualTo(ActionOutcome.Kind.INVALID);
        assertThat(nothing.failed()).containsExactlyInAnyOrder("qualified-problem", "requirements-defined",
                "next-step-agreed", "buying-group-security-leader", "buying-group-technical-stakeholder");

        ActionOutcome.Refused leaderOnly = refused(SALES.decide(sql, action("convert", OPPORTUNITY_FACTS),
                List.of(new Contact("ld_ciso", "security-leadership")), NOW));
        assertThat(leaderOnly.failed()).containsExactly("buying-group-technical-stakeholder");

        ActionOutcome.Refused technicalOnly = refused(SALES.decide(sql, action("convert", OPPORTUNITY_FACTS),
                List.of(new Contact("ld_ops", "it-operations"), new Contact("ld_soc", "soc-analyst")), NOW));
        assertThat(technicalOnly.failed()).containsExactly("buying-group-security-leader");

        Transition t = transitionOf(SALES.decide(sql, action("convert", OPPORTUNITY_FACTS), BUYING_GROUP, NOW));
        assertThat(t.to()).isEqualTo(Stage.OPPORTUNITY);
        assertThat(t.passed()).contains("qualified-problem", "requirements-defined", "next-step-agreed",
                "buying-group-security-leader", "buying-group-technical-stakeholder");
    }

    @Test
    @DisplayName("sales rejection records the reason and the rule that let the lead through, and recycles it")
    void rejectRecordsRule() {
        ActionOutcome out = SALES.decide(demoMql(), action("reject", "wrong_department"), List.of(), NOW);
        Transition t = transitionOf(out);
        assertThat(t.to()).isEqualTo(Stage.RECYCLE);
        assertThat(t.reason()).isEqualTo("wrong_department");
        assertThat(t.evidence()).containsEntry("rejectedRule", "pd-mql-fit-and-soc-signal");
        assertThat(applied(out).followUp().dueAt()).isEqualTo(NOW.plus(Duration.ofDays(Leads.MODEL.rejectFollowUpDays())));

        for (String code : List.of("no_decision_maker", "use_case_unclear", "duplicate")) {
            assertThat(transitionOf(SALES.decide(demoMql(), action("reject", code), List.of(), NOW)).reason())
                    .isEqualTo(code);
        }
        assertThat(refused(SALES.decide(demoMql(), action("reject", "bad lead"), List.of(), NOW)).field())
                .isEqualTo("reason");
    }

    @Test
    @DisplayName("partner attribution is kept from intake through every stage to CLOSED_WON")
    void partnerAttributionKept() {
        Leads l = Leads.from(Forms.partnerReferral());
        StageEngine.Advance a = advance(l);
        assertThat(a.lead().motion()).isEqualTo("partner");
        assertThat(a.lead().stage()).as("prequalified partner lead with ICP fit").isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(a.transitions().get(1).passed()).contains("icp-fit", "partner-prequalified-or-engaged");

        Lead lead = a.lead();
        List<Lead> journey = new java.util.ArrayList<>(List.of(l.lead(), lead));
        lead = act(lead, "accept", Map.of());
        journey.add(lead);
        lead = act(lead, "qualify", DISCOVERY);
        journey.add(lead);
        lead = act(lead, "convert", OPPORTUNITY_FACTS);
        journey.add(lead);
        lead = act(lead, "close_won", Map.of());
        journey.add(lead);
        assertThat(lead.stage()).isEqualTo(Stage.CLOSED_WON);
        assertThat(journey).allSatisfy(x -> {
            assertThat(x.partner()).isNotNull();
            assertThat(x.partner().partnerId()).isEqualTo("acme-msp");
            assertThat(x.partner().prequalified()).isTrue();
        });
    }

    @Test
    @DisplayName("a partner lead that is not prequalified and not engaged, or without ICP fit, stays out of MQL")
    void partnerLeadWithoutFitOrPrequalification() {
        StageEngine.Advance notPrequalified = advance(Leads.from(Forms.partnerReferral().partnerPrequalified(false)));
        assertThat(notPrequalified.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(notPrequalified.last().decision().orElseThrow().failed()).contains("partner-prequalified-or-engaged");

        StageEngine.Advance lowFit = advance(Leads.from(Forms.partnerReferral().industry("Education")));
        assertThat(lowFit.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(lowFit.last().decision().orElseThrow().failed()).contains("icp-fit");
    }

    @Test
    @DisplayName("a scheduled call on an MQL lead does not accept it in a motion without that rule")
    void scheduleCallOnlyAcceptsInServices() {
        ActionOutcome.Refused r = refused(SALES.decide(demoMql(), action("schedule_call",
                Map.of("callAt", "2026-03-05T14:00:00Z")), List.of(), NOW));
        assertThat(r.kind()).isEqualTo(ActionOutcome.Kind.NOT_ALLOWED);
    }

    @Test
    @DisplayName("terminal stages refuse every action")
    void terminalStagesRefuse() {
        Lead dq = applied(SALES.decide(demoMql(), action("disqualify", "spam"), List.of(), NOW));
        for (String a : SalesActions.ACTIONS) {
            ActionOutcome out = SALES.decide(dq, new ActionRequest(a, "sam.sdr", "spam", NOW.plus(Duration.ofDays(9)),
                    DISCOVERY, null), BUYING_GROUP, NOW);
            assertThat(out).as(a).isInstanceOf(ActionOutcome.Refused.class);
        }
    }
}
