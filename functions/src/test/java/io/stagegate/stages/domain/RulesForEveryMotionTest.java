package io.stagegate.stages.domain;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.MODEL;
import static io.stagegate.fixtures.Outcomes.advance;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md, "Rules that hold for every motion" — the automated-stage ones. */
class RulesForEveryMotionTest {

    @Test
    @DisplayName("high engagement with low fit (Retail, many pages, pricing) never reaches MQL: icp-fit failed")
    void highEngagementLowFitStaysOut() {
        Leads l = Leads.from(Forms.demoRequest().industry("Retail").asset("detections-overview"));
        for (int i = 0; i < 8; i++) {
            l.views("/platform/detections").views("/platform/integrations").views("/pricing").reads("detections-overview");
        }
        StageEngine.Advance a = advance(l);
        assertThat(a.lead().scores().intent()).as("engagement is high").isGreaterThanOrEqualTo(100);
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        Decision d = a.last().decision().orElseThrow();
        assertThat(d.to()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(d.failed()).contains("icp-fit");
        assertThat(d.passed()).contains("soc-use-case-signal");
    }

    @Test
    @DisplayName("a small company fails fit whatever the engagement")
    void smallCompanyStaysOut() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest().companySize(50)).views("/platform/detections")
                .views("/pricing"));
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(a.last().decision().orElseThrow().failed()).contains("icp-fit");
        assertThat(a.last().decision().orElseThrow().evidence()).extracting("criteria")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("icp-company-size", false).containsEntry("icp-industry", true);
    }

    @Test
    @DisplayName("a student is not a buyer: fit fails even at a target account")
    void studentIsNotABuyer() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest().jobTitle("Student")).views("/platform/detections"));
        assertThat(a.lead().person().role()).isEqualTo("not-a-buyer");
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(a.last().decision().orElseThrow().failed()).contains("icp-fit");
    }

    @Test
    @DisplayName("the fit gate is checked before MQL in every motion")
    void fitGateInEveryMotion() {
        for (String motion : MODEL.motions().keySet()) {
            Lead lead = Leads.from(Forms.demoRequest().industry("Retail")).lead().toBuilder()
                    .motion(motion).stage(Stage.MARKETING_ENGAGED).build();
            Decision d = ENGINE.evaluate(lead, java.util.List.of(), Leads.T0).decision().orElseThrow();
            assertThat(d.failed()).as(motion).contains(MODEL.fitGate());
            assertThat(d.moves()).as(motion).isFalse();
        }
    }

    @Test
    @DisplayName("a GRC lead without a framework stays out of MQL")
    void grcWithoutFrameworkStaysOut() {
        StageEngine.Advance a = advance(Leads.from(Forms.complianceChecklist()).reads("compliance-mapping-checklist")
                .views("/solutions/compliance/"));
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(a.last().decision().orElseThrow().failed()).containsExactly("framework-selected");
    }

    @Test
    @DisplayName("a GRC role needs a policy/compliance-mapping signal before MQL")
    void grcRoleNeedsComplianceSignal() {
        Leads l = Leads.from(Forms.demoRequest().jobTitle("Compliance Manager")).views("/platform/detections");
        StageEngine.Advance a = advance(l);
        assertThat(a.lead().person().role()).isEqualTo("grc-leader");
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        assertThat(a.last().decision().orElseThrow().failed()).containsExactly("grc-role-needs-compliance-signal");

        StageEngine.Advance after = ENGINE.advance(a.lead(), l.views("/solutions/compliance/soc2").signals(), l.now(), "m2");
        assertThat(after.lead().stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(after.transitions().get(0).passed()).contains("grc-role-needs-compliance-signal");
    }

    @Test
    @DisplayName("a Security Architect without an architecture signal stays out; viewing /platform/integrations lets it in")
    void technicalRoleNeedsArchitectureSignal() {
        Leads l = Leads.from(Forms.demoRequest().jobTitle("Security Architect")).views("/platform/detections");
        StageEngine.Advance a = advance(l);
        assertThat(a.lead().person().role()).isEqualTo("security-architect");
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        Decision d = a.last().decision().orElseThrow();
        assertThat(d.failed()).containsExactly("technical-role-needs-architecture-signal");
        assertThat(d.passed()).contains("icp-fit", "soc-use-case-signal");

        StageEngine.Advance after = ENGINE.advance(a.lead(), l.views("/platform/integrations").signals(), l.now(), "m2");
        assertThat(after.lead().stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(after.transitions().get(0).passed()).contains("technical-role-needs-architecture-signal");
    }

    @Test
    @DisplayName("IT operations is a technical role too and gets the same gate")
    void itOperationsIsTechnical() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest().jobTitle("Systems Administrator"))
                .views("/platform/detections"));
        assertThat(a.last().decision().orElseThrow().failed()).containsExactly("technical-role-needs-architecture-signal");
    }

    @Test
    @DisplayName("a missing minimum field (no industry) blocks MQL and the decision names the field")
    void missingIndustryBlocksAndIsNamed() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest().industry(null)).views("/platform/detections"));
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
        Decision d = a.last().decision().orElseThrow();
        assertThat(d.moves()).isFalse();
        assertThat(d.missingFields()).containsExactly("industry");
    }

    @Test
    @DisplayName("a missing company blocks even engagement, and is named")
    void missingCompanyBlocksEngagement() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest().company(null)).views("/platform/detections"));
        assertThat(a.transitions()).isEmpty();
        assertThat(a.last().decision().orElseThrow().missingFields()).containsExactly("company");
        assertThat(a.last().decision().orElseThrow().failed()).isEmpty();
    }

    @Test
    @DisplayName("automation never moves a lead past MARKETING_QUALIFIED")
    void automationStopsAtMql() {
        Leads l = Leads.from(Forms.demoRequest()).views("/platform/detections");
        StageEngine.Advance a = advance(l);
        assertThat(a.lead().stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
        for (int i = 0; i < 20; i++) {
            l.views("/platform/integrations").views("/pricing");
        }
        StageEngine.Advance again = ENGINE.advance(a.lead(), l.signals(), l.now(), "m2");
        assertThat(again.transitions()).isEmpty();
        assertThat(again.last().decision()).isEmpty();
        for (Stage s : Stage.values()) {
            if (s.ordinal() >= Stage.MARKETING_QUALIFIED.ordinal()) {
                Lead at = a.lead().toBuilder().stage(s).build();
                assertThat(ENGINE.advance(at, l.signals(), l.now(), "m3").transitions()).as(s.name()).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("each automated transition records rule name, model version, passed criteria, evidence and cause")
    void automatedTransitionsAreExplained() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest()).views("/platform/detections"));
        assertThat(a.transitions()).hasSize(2);
        assertThat(a.transitions()).allSatisfy(t -> {
            assertThat(t.actor()).isEqualTo(Transition.AUTOMATION);
            assertThat(t.rule()).isNotBlank();
            assertThat(t.ruleSetVersion()).isEqualTo(MODEL.version());
            assertThat(t.passed()).isNotEmpty();
            assertThat(t.failed()).isEmpty();
            assertThat(t.causationId()).isEqualTo("msg-1");
            assertThat(t.evidence()).containsKeys("fitScore", "intentScore", "criteria", "recentSignals");
        });
        assertThat(a.transitions()).extracting(Transition::seq).containsExactly(1, 2);
        assertThat(a.transitions()).extracting(Transition::rule)
                .containsExactly("pd-engaged-product-evaluation", "pd-mql-fit-and-soc-signal");
        assertThat(a.lead().transitions()).isEqualTo(2);
    }

    @Test
    @DisplayName("a lead that enters MARKETING_QUALIFIED gets the accept-within SLA timer")
    void mqlStartsAcceptTimer() {
        Lead lead = advance(Leads.from(Forms.demoRequest()).views("/platform/detections")).lead();
        assertThat(lead.sla()).isNotNull();
        assertThat(lead.sla().stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(lead.sla().name()).isEqualTo("accept-within-8-business-hours");
    }

    @Test
    @DisplayName("criteria look only at signals inside their window")
    void oldSignalsDoNotCount() {
        Leads l = Leads.from(Forms.demoRequest()).views("/platform/detections");
        StageEngine.Advance later = ENGINE.advance(l.lead(), l.signals(), l.now().plus(java.time.Duration.ofDays(91)), "m");
        assertThat(later.transitions()).isEmpty();
        assertThat(later.last().decision().orElseThrow().failed()).containsExactly("product-evaluation-browsing");
    }

    @Test
    @DisplayName("evidence names every criterion looked at, nested ones included")
    void evidenceHasNestedCriteria() {
        StageEngine.Advance a = advance(Leads.from(Forms.demoRequest()).views("/platform/detections"));
        @SuppressWarnings("unchecked")
        Map<String, Boolean> criteria = (Map<String, Boolean>) a.transitions().get(1).evidence().get("criteria");
        assertThat(criteria).containsKeys("icp-fit", "icp-industry", "icp-company-size", "non-buyer-role");
    }
}
