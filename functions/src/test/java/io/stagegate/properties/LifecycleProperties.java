package io.stagegate.properties;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.intake.domain.Submission;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import io.stagegate.sales.domain.ActionOutcome;
import io.stagegate.sales.domain.ActionRequest;
import io.stagegate.sales.domain.SalesActions;
import io.stagegate.stages.domain.Contact;
import io.stagegate.stages.domain.Decision;
import io.stagegate.stages.domain.Evaluation;
import io.stagegate.stages.domain.Lifecycle;
import io.stagegate.stages.domain.StageEngine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.MODEL;
import static io.stagegate.fixtures.Leads.NORMALISER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random leads and random sequences of signals, sweeps and people's actions: only edges of
 * the lifecycle ever appear, and nothing reaches MARKETING_QUALIFIED without the fit gate.
 */
class LifecycleProperties {

    private static final SalesActions SALES = new SalesActions(ENGINE);

    static final List<String> PATHS = List.of("/platform/detections", "/platform/integrations", "/platform/deployment",
            "/resources/patching", "/resources/prioritization", "/resources/vm-reporting", "/solutions/compliance/soc2",
            "/solutions/compliance/", "/pricing", "/careers", "/blog/unmapped");
    static final List<String> ASSETS = List.of("detections-overview", "soc-modernization-guide", "vm-assessment-brief",
            "patch-prioritization-guide", "compliance-mapping-checklist", "cloud-posture-report",
            "identity-threat-guide", "ir-retainer-overview", "endpoint-datasheet", "unknown-ebook");
    static final List<String> ACTIONS = new ArrayList<>(SalesActions.ACTIONS.stream().sorted().toList());
    static final List<String> REASONS = List.of("no_budget_timing", "evaluating_alternatives", "wrong_fit", "spam",
            "wrong_department", "use_case_unclear", "no_decision", "budget", "lost_to_competitor", "competitor",
            "no_budget_timing", "just not now", "");
    static final List<Map<String, Object>> FACTS = List.of(Map.of(),
            Map.of("callAt", "2026-03-10T10:00:00Z"),
            Map.of("discoveryCallAt", "2026-03-10T10:00:00Z", "telemetrySources", List.of("EDR"), "keyUseCases", List.of("x")),
            Map.of("systemsScope", List.of("servers"), "serviceExpectations", "report"),
            Map.of("stakeholders", List.of("CISO"), "evidenceCollectionActive", true, "reportingRequirementsActive", true),
            Map.of("qualifiedProblem", "p", "requirements", List.of("r"), "nextStep", "n"),
            Map.of("qualifiedProblem", "p", "requirements", List.of("r"), "nextStep", "n"));
    /** Every fact at once, so the property also walks the whole funnel. */
    static final Map<String, Object> ALL_FACTS = allFacts();

    private static Map<String, Object> allFacts() {
        Map<String, Object> all = new HashMap<>();
        FACTS.forEach(all::putAll);
        all.put("scopingCallAt", "2026-03-10T10:00:00Z");
        return all;
    }
    static final List<Contact> BUYING_GROUP = List.of(new Contact("a", "security-leadership"),
            new Contact("b", "security-architect"));

    /** One thing that happens to a lead: a signal (0-2), a person's action (3) or the recycle sweep (4). */
    record Step(int op, int pick, int reason, int facts, boolean contacts, int hoursLater) {
    }

    @Provide
    Arbitrary<Step> steps() {
        // biased towards what moves a lead on (all facts, a buying group, short gaps), so the
        // random walks reach the late stages too, not only NEW_INBOUND
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, REASONS.size() - 1),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(0, FACTS.size() - 1)),
                        Tuple.of(1, Arbitraries.just(FACTS.size()))),
                Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(0, 12)),
                        Tuple.of(1, Arbitraries.integers().between(0, 24 * 120)))).as(Step::new);
    }

    @Provide
    Arbitrary<Submission> forms() {
        return Combinators.combine(
                Arbitraries.of("demo_request", "trial_signup", "assessment_interest", "compliance_checklist",
                        "partner_referral", "contact_request", "gated_download"),
                Arbitraries.frequency(Tuple.of(6, "Financial Services"), Tuple.of(3, "Healthcare"),
                        Tuple.of(1, "Retail"), Tuple.of(1, "Education"), Tuple.of(1, "Unknown Co-op")).injectNull(0.1),
                Arbitraries.frequency(Tuple.of(5, "CISO"), Tuple.of(2, "SOC Analyst"), Tuple.of(2, "Security Architect"),
                        Tuple.of(2, "GRC Manager"), Tuple.of(1, "Systems Administrator"), Tuple.of(1, "Student"),
                        Tuple.of(1, "Barista")).injectNull(0.1),
                Arbitraries.integers().between(1, 20_000).injectNull(0.05),
                Arbitraries.of("acme-msp", "northwind-security").injectNull(0.6),
                Arbitraries.of(true, false),
                Arbitraries.of(ASSETS).injectNull(0.3),
                Arbitraries.of("SOC 2", "ISO 27001", "FedRAMP").injectNull(0.6))
                .as((form, industry, title, size, partner, prequalified, asset, framework) -> {
                    Forms f = Forms.demoRequest().formType(form).industry(industry).jobTitle(title).companySize(size)
                            .partnerId(partner).partnerPrequalified(prequalified).asset(asset)
                            .useCase(form.equals("contact_request") ? "managed-detection" : null);
                    return (framework == null ? f : f.frameworks(framework)).build();
                });
    }

    private static String natural(Stage stage, int pick) {
        return switch (stage) {
            case MARKETING_QUALIFIED -> pick % 4 == 0 ? "schedule_call" : "accept";
            case SALES_ACCEPTED -> pick % 4 == 0 ? "record_outreach" : "qualify";
            case SALES_QUALIFIED -> "convert";
            case OPPORTUNITY -> pick % 4 == 0 ? "close_lost" : "close_won";
            default -> pick % 4 == 0 ? "recycle" : "disqualify";
        };
    }

    @Property(tries = 300)
    @Label("only lifecycle edges appear, and MARKETING_QUALIFIED is only entered with the fit gate passing")
    void onlyLifecycleEdgesAndFitGateHolds(@ForAll("forms") Submission form,
                                           @ForAll @Size(min = 5, max = 40) List<@net.jqwik.api.From("steps") Step> steps) {
        Instant now = Leads.T0;
        Lead lead = NORMALISER.apply(null, form, now);
        List<Signal> signals = new ArrayList<>(List.of(NORMALISER.formSignal(form)));
        int n = 0;
        for (Step step : steps) {
            now = now.plus(Duration.ofHours(step.hoursLater()));
            List<Transition> produced = new ArrayList<>();
            Lead before = lead;
            switch (step.op()) {
                case 0, 1, 2 -> {
                    signals.add(step.op() == 0
                            ? NORMALISER.signal("s" + (++n), SignalType.PAGE_VIEW, PATHS.get(step.pick() % PATHS.size()), null, now, null)
                            : NORMALISER.signal("s" + (++n), step.op() == 1 ? SignalType.CONTENT_VIEW : SignalType.WEBINAR_ATTENDED,
                            null, ASSETS.get(step.pick() % ASSETS.size()), now, null));
                    StageEngine.Advance a = ENGINE.advance(lead, signals, now, "m" + n);
                    produced.addAll(a.transitions());
                    for (Transition t : a.transitions()) {
                        assertThat(Lifecycle.AUTOMATED_TARGETS).contains(t.to());
                        assertThat(t.actor()).isEqualTo(Transition.AUTOMATION);
                    }
                    lead = a.lead();
                }
                case 3 -> {
                    // half the time the action that would move this stage on, else any action
                    String action = step.pick() % 2 == 0 ? natural(lead.stage(), step.pick())
                            : ACTIONS.get(step.pick() % ACTIONS.size());
                    ActionRequest req = new ActionRequest(action, "sam.sdr", REASONS.get(step.reason()),
                            step.hoursLater() % 3 == 0 ? null : now.plus(Duration.ofDays(1 + step.pick())),
                            step.facts() == FACTS.size() ? ALL_FACTS : FACTS.get(step.facts()), null);
                    ActionOutcome out = SALES.decide(lead, req, step.contacts() ? BUYING_GROUP : List.of(), now);
                    if (out instanceof ActionOutcome.Applied applied) {
                        applied.transition().ifPresent(produced::add);
                        applied.transition().ifPresent(t -> assertThat(t.actor()).isEqualTo("sam.sdr"));
                        lead = applied.lead();
                    } else {
                        assertThat(out).isInstanceOf(ActionOutcome.Refused.class);
                    }
                }
                default -> {
                    var back = ENGINE.recycleReturn(lead, now);
                    if (back.isPresent()) {
                        Transition t = back.get().toTransition(lead, now, "sweep");
                        produced.add(t);
                        lead = ENGINE.apply(lead, t);
                    }
                }
            }
            Stage from = before.stage();
            int seq = before.transitions();
            for (Transition t : produced) {
                assertThat(t.from()).isEqualTo(from);
                assertThat(Lifecycle.allowed(t.from(), t.to())).as("%s -> %s", t.from(), t.to()).isTrue();
                assertThat(t.seq()).isEqualTo(++seq);
                if (t.to() == Stage.MARKETING_QUALIFIED) {
                    assertThat(t.passed()).contains(MODEL.fitGate());
                    assertThat(ENGINE.criteria().test(MODEL.fitGate(), ENGINE.context(lead, signals, now))).isTrue();
                }
                from = t.to();
            }
            assertThat(lead.stage()).isEqualTo(from);
        }
        // shows in the report how deep the random walks get (OPPORTUNITY, CLOSED_*, RECYCLE…)
        net.jqwik.api.statistics.Statistics.collect(lead.stage());
    }

    @Property(tries = 200)
    @Label("evaluation is deterministic: the same lead, signals and instant give an equal Evaluation")
    void evaluationIsDeterministic(@ForAll("forms") Submission form,
                                   @ForAll @Size(max = 25) List<@net.jqwik.api.From("steps") Step> steps) {
        Instant now = Leads.T0;
        Lead lead = NORMALISER.apply(null, form, now);
        List<Signal> signals = new ArrayList<>(List.of(NORMALISER.formSignal(form)));
        int n = 0;
        for (Step step : steps) {
            now = now.plus(Duration.ofMinutes(step.hoursLater()));
            signals.add(step.op() % 2 == 0
                    ? NORMALISER.signal("s" + (++n), SignalType.PAGE_VIEW, PATHS.get(step.pick() % PATHS.size()), null, now, null)
                    : NORMALISER.signal("s" + (++n), SignalType.CONTENT_VIEW, null, ASSETS.get(step.pick() % ASSETS.size()), now, null));
        }
        Stage stage = steps.isEmpty() || steps.get(0).contacts() ? Stage.NEW_INBOUND : Stage.MARKETING_ENGAGED;
        Lead at = lead.toBuilder().stage(stage).build();
        Instant evalAt = now.plusSeconds(1);
        Evaluation first = ENGINE.evaluate(at, List.copyOf(signals), evalAt);
        Evaluation second = ENGINE.evaluate(at, List.copyOf(signals), evalAt);
        Evaluation otherEngine = new StageEngine(MODEL).evaluate(at, new ArrayList<>(signals), evalAt);
        assertThat(second).isEqualTo(first);
        assertThat(otherEngine).isEqualTo(first);
        Decision d = first.decision().orElseThrow();
        assertThat(d.moves()).isEqualTo(d.failed().isEmpty() && d.missingFields().isEmpty());
        Map<String, Object> copy = new HashMap<>(d.evidence());
        assertThat(copy).containsKeys("fitScore", "intentScore", "criteria");
    }
}
