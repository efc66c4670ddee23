package io.stagegate.stages.domain;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import io.stagegate.sales.domain.ActionOutcome;
import io.stagegate.sales.domain.SalesActions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.action;
import static io.stagegate.fixtures.Outcomes.*;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md, "The three reference motions", step by step on the default model. */
class ReferenceMotionsTest {

    private static final SalesActions SALES = new SalesActions(ENGINE);

    @Nested
    @DisplayName("A. Detection / SOC platform (product demo)")
    class ProductDemo {

        @Test
        @DisplayName("A1: a request-demo form creates the lead in NEW_INBOUND with its source details")
        void demoFormCreatesLeadWithSourceDetails() {
            Lead lead = Leads.from(Forms.demoRequest().asset("detections-overview").campaignType("paid-search")).lead();

            assertThat(lead.stage()).isEqualTo(Stage.NEW_INBOUND);
            assertThat(lead.motion()).isEqualTo("product-demo");
            assertThat(lead.source().formType()).isEqualTo("demo_request");
            assertThat(lead.source().asset()).isEqualTo("detections-overview");
            assertThat(lead.source().campaignType()).isEqualTo("paid-search");
            assertThat(lead.company().industrySelected()).isEqualTo("Financial Services");
            assertThat(lead.company().industry()).isEqualTo("financial-services");
        }

        @Test
        @DisplayName("A2: the demo form alone does not engage; browsing a detection page does")
        void engagementNeedsProductEvaluationBrowsing() {
            Leads l = Leads.from(Forms.demoRequest());
            Evaluation formOnly = ENGINE.evaluate(l.lead(), l.signals(), l.now());
            assertThat(formOnly.moves()).isFalse();
            assertThat(formOnly.decision().orElseThrow().failed()).containsExactly("product-evaluation-browsing");

            StageEngine.Advance a = advance(l.views("/platform/deployment/aws"));
            assertThat(a.transitions()).first().satisfies(t -> {
                assertThat(t.from()).isEqualTo(Stage.NEW_INBOUND);
                assertThat(t.to()).isEqualTo(Stage.MARKETING_ENGAGED);
                assertThat(t.rule()).isEqualTo("pd-engaged-product-evaluation");
                assertThat(t.passed()).contains("product-evaluation-browsing");
            });
        }

        @Test
        @DisplayName("A2: integration and deployment pages count as product evaluation too")
        void integrationAndDeploymentPagesEngage() {
            for (String path : List.of("/platform/detections", "/platform/integrations", "/platform/deployment")) {
                assertThat(stagesOf(advance(Leads.from(Forms.demoRequest()).views(path))))
                        .as(path).startsWith(Stage.MARKETING_ENGAGED);
            }
        }

        @Test
        @DisplayName("A3: an engaged lead with industry fit and the detections overview download reaches MARKETING_QUALIFIED")
        void mqlNeedsFitAndSocSignal() {
            Leads l = Leads.from(Forms.demoRequest()).views("/pricing")
                    .with(b -> b.stage(Stage.MARKETING_ENGAGED));
            Decision withoutSignal = ENGINE.evaluate(l.lead(), l.signals(), l.now()).decision().orElseThrow();
            assertThat(withoutSignal.moves()).isFalse();
            assertThat(withoutSignal.failed()).containsExactly("soc-use-case-signal");
            assertThat(withoutSignal.passed()).contains("icp-fit");

            StageEngine.Advance a = advance(l.reads("detections-overview"));
            assertThat(stagesOf(a)).containsExactly(Stage.MARKETING_QUALIFIED);
            Transition t = a.transitions().get(0);
            assertThat(t.rule()).isEqualTo("pd-mql-fit-and-soc-signal");
            assertThat(t.passed()).contains("icp-fit", "soc-use-case-signal");
            assertThat(a.lead().useCases()).contains("soc-operations");
            assertThat(a.lead().qualifiedByRule()).isEqualTo("pd-mql-fit-and-soc-signal");
        }

        @Test
        @DisplayName("A4: SALES_QUALIFIED needs a discovery call confirming telemetry sources and key use cases")
        void sqlNeedsDiscoveryFacts() {
            Lead accepted = applied(SALES.decide(mql(Leads.from(Forms.demoRequest()).views("/platform/detections")),
                    action("accept", Map.of()), List.of(), Leads.T0.plusSeconds(3600)));
            assertThat(accepted.stage()).isEqualTo(Stage.SALES_ACCEPTED);

            ActionOutcome.Refused noFacts = refused(SALES.decide(accepted, action("qualify", Map.of()), List.of(),
                    Leads.T0.plusSeconds(7200)));
            assertThat(noFacts.kind()).isEqualTo(ActionOutcome.Kind.INVALID);
            assertThat(noFacts.failed()).containsExactlyInAnyOrder("discovery-call-recorded",
                    "telemetry-sources-confirmed", "key-use-cases-confirmed");

            ActionOutcome.Refused emptyLists = refused(SALES.decide(accepted, action("qualify", Map.of(
                    "discoveryCallAt", "2026-03-04T15:00:00Z", "telemetrySources", List.of(), "keyUseCases",
                    List.of("threat detection"))), List.of(), Leads.T0.plusSeconds(7200)));
            assertThat(emptyLists.failed()).containsExactly("telemetry-sources-confirmed");

            ActionOutcome ok = SALES.decide(accepted, action("qualify", Map.of(
                    "discoveryCallAt", "2026-03-04T15:00:00Z",
                    "telemetrySources", List.of("CrowdStrike EDR", "Okta"),
                    "keyUseCases", List.of("threat detection"))), List.of(), Leads.T0.plusSeconds(7200));
            Transition t = transitionOf(ok);
            assertThat(t.to()).isEqualTo(Stage.SALES_QUALIFIED);
            assertThat(t.rule()).isEqualTo("pd-sql-discovery-confirmed");
            assertThat(t.actor()).isEqualTo("sam.sdr");
            assertThat(t.passed()).containsExactlyInAnyOrder("discovery-call-recorded", "telemetry-sources-confirmed",
                    "key-use-cases-confirmed");
            assertThat(applied(ok).facts()).containsKeys("telemetrySources", "keyUseCases", "discoveryCallAt");
        }
    }

    @Nested
    @DisplayName("B. Vulnerability-management assessment (services)")
    class ServicesAssessment {

        @Test
        @DisplayName("B1: an assessment-interest form creates the lead in the services motion")
        void assessmentFormCreatesLead() {
            Lead lead = Leads.from(Forms.assessmentInterest()).lead();
            assertThat(lead.stage()).isEqualTo(Stage.NEW_INBOUND);
            assertThat(lead.motion()).isEqualTo("services-assessment");
            assertThat(lead.source().formType()).isEqualTo("assessment_interest");
        }

        @Test
        @DisplayName("B2: engagement needs patching, prioritisation or reporting content")
        void engagementNeedsVmContent() {
            Leads l = Leads.from(Forms.assessmentInterest());
            assertThat(ENGINE.evaluate(l.lead(), l.signals(), l.now()).decision().orElseThrow().failed())
                    .containsExactly("vm-content-interaction");
            for (String path : List.of("/resources/patching", "/resources/prioritization", "/resources/vm-reporting")) {
                assertThat(stagesOf(advance(Leads.from(Forms.assessmentInterest()).views(path))))
                        .as(path).startsWith(Stage.MARKETING_ENGAGED);
            }
            assertThat(stagesOf(advance(Leads.from(Forms.assessmentInterest()).reads("patch-prioritization-guide"))))
                    .startsWith(Stage.MARKETING_ENGAGED);
        }

        @Test
        @DisplayName("B3: MARKETING_QUALIFIED needs security-leadership role and organisation fit")
        void mqlNeedsLeadershipAndOrgFit() {
            StageEngine.Advance ciso = advance(Leads.from(Forms.assessmentInterest()).views("/resources/patching"));
            assertThat(stagesOf(ciso)).containsExactly(Stage.MARKETING_ENGAGED, Stage.MARKETING_QUALIFIED);
            assertThat(ciso.transitions().get(1).rule()).isEqualTo("vm-mql-leadership-and-org-fit");
            assertThat(ciso.transitions().get(1).passed()).contains("icp-fit", "security-leadership-role",
                    "vm-use-case-signal");

            StageEngine.Advance analyst = advance(Leads.from(Forms.assessmentInterest().jobTitle("Security Analyst"))
                    .views("/resources/patching"));
            assertThat(analyst.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
            assertThat(analyst.last().decision().orElseThrow().failed()).contains("security-leadership-role");

            StageEngine.Advance retail = advance(Leads.from(Forms.assessmentInterest().industry("Retail"))
                    .views("/resources/patching"));
            assertThat(retail.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
            assertThat(retail.last().decision().orElseThrow().failed()).contains("icp-fit");
        }

        @Test
        @DisplayName("B4: scheduling a scoping call on an MQL lead means SALES_ACCEPTED, with scopingCallAt")
        void scheduleCallAccepts() {
            Lead mql = advance(Leads.from(Forms.assessmentInterest()).views("/resources/patching")).lead();
            assertThat(mql.stage()).isEqualTo(Stage.MARKETING_QUALIFIED);

            ActionOutcome out = SALES.decide(mql, action("schedule_call", Map.of("callAt", "2026-03-05T14:00:00Z")),
                    List.of(), Leads.T0.plusSeconds(3600));
            Transition t = transitionOf(out);
            assertThat(t.from()).isEqualTo(Stage.MARKETING_QUALIFIED);
            assertThat(t.to()).isEqualTo(Stage.SALES_ACCEPTED);
            assertThat(t.rule()).isEqualTo("vm-sal-scoping-call");
            assertThat(t.actor()).isEqualTo("sam.sdr");
            assertThat(applied(out).facts()).containsEntry("scopingCallAt", "2026-03-05T14:00:00Z");
            assertThat(applied(out).sla()).isNotNull();
        }

        @Test
        @DisplayName("B5: SALES_QUALIFIED needs systems scope and service expectations")
        void sqlNeedsScopeAndExpectations() {
            Lead mql = advance(Leads.from(Forms.assessmentInterest()).views("/resources/patching")).lead();
            Lead accepted = applied(SALES.decide(mql, action("schedule_call", Map.of("callAt", "2026-03-05T14:00:00Z")),
                    List.of(), Leads.T0.plusSeconds(3600)));

            assertThat(refused(SALES.decide(accepted, action("qualify", Map.of("systemsScope", List.of("2,000 servers"))),
                    List.of(), Leads.T0.plusSeconds(7200))).failed()).containsExactly("service-expectations-defined");

            Transition t = transitionOf(SALES.decide(accepted, action("qualify", Map.of(
                    "systemsScope", List.of("2,000 servers", "external perimeter"),
                    "serviceExpectations", "quarterly scans with prioritised report")), List.of(),
                    Leads.T0.plusSeconds(7200)));
            assertThat(t.to()).isEqualTo(Stage.SALES_QUALIFIED);
            assertThat(t.rule()).isEqualTo("vm-sql-scope-and-expectations");
        }
    }

    @Nested
    @DisplayName("C. Compliance mapping (GRC)")
    class Compliance {

        @Test
        @DisplayName("C1: a compliance mapping checklist download creates the lead in the compliance motion")
        void checklistCreatesLead() {
            Lead lead = Leads.from(Forms.complianceChecklist()).lead();
            assertThat(lead.stage()).isEqualTo(Stage.NEW_INBOUND);
            assertThat(lead.motion()).isEqualTo("compliance");
            assertThat(lead.source().asset()).isEqualTo("compliance-mapping-checklist");
            assertThat(lead.useCases()).contains("compliance-mapping");
            assertThat(lead.person().role()).isEqualTo("grc-leader");
        }

        @Test
        @DisplayName("C2: engagement needs repeated compliance content views and framework interest on the form")
        void engagementNeedsRepeatedContentAndFrameworkInterest() {
            Leads once = Leads.from(Forms.complianceChecklist()).views("/solutions/compliance/");
            assertThat(ENGINE.evaluate(once.lead(), once.signals(), once.now()).decision().orElseThrow().failed())
                    .containsExactly("repeated-compliance-content");

            Leads twice = Leads.from(Forms.complianceChecklist()).views("/solutions/compliance/")
                    .reads("compliance-mapping-checklist");
            StageEngine.Advance a = advance(twice);
            assertThat(a.transitions().get(0).to()).isEqualTo(Stage.MARKETING_ENGAGED);
            assertThat(a.transitions().get(0).passed()).contains("repeated-compliance-content", "framework-interest-on-form");

            Leads noInterest = Leads.from(Forms.complianceChecklist().asset(null).formType("gated_download"))
                    .with(b -> b.motion("compliance"))
                    .views("/solutions/compliance/").views("/solutions/compliance/");
            // the pages show a use case; take the form's view only: no framework, no compliance use case
            Lead bare = noInterest.lead().toBuilder().useCases(java.util.Set.of()).build();
            Decision d = ENGINE.evaluate(bare, noInterest.signals().subList(0, 1), noInterest.now()).decision().orElseThrow();
            assertThat(d.failed()).contains("framework-interest-on-form");
        }

        @Test
        @DisplayName("C3: MARKETING_QUALIFIED needs ICP fit plus a selected framework")
        void mqlNeedsFitAndFramework() {
            Leads l = Leads.from(Forms.complianceChecklist()).reads("compliance-mapping-checklist")
                    .reads("compliance-mapping-checklist");
            StageEngine.Advance without = advance(l);
            assertThat(without.lead().stage()).isEqualTo(Stage.MARKETING_ENGAGED);
            assertThat(without.last().decision().orElseThrow().failed()).containsExactly("framework-selected");

            StageEngine.Advance viaPage = ENGINE.advance(without.lead(),
                    l.views("/solutions/compliance/iso27001").signals(), l.now(), "msg-2");
            assertThat(stagesOf(viaPage)).containsExactly(Stage.MARKETING_QUALIFIED);
            assertThat(viaPage.transitions().get(0).rule()).isEqualTo("grc-mql-fit-and-framework");
            assertThat(viaPage.transitions().get(0).passed()).contains("icp-fit", "framework-selected",
                    "grc-role-needs-compliance-signal");
            assertThat(viaPage.lead().frameworks()).containsExactly("iso27001");

            StageEngine.Advance viaForm = advance(Leads.from(Forms.complianceChecklist().frameworks("SOC 2"))
                    .reads("compliance-mapping-checklist").reads("compliance-mapping-checklist"));
            assertThat(viaForm.lead().stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
            assertThat(viaForm.lead().frameworks()).containsExactly("soc2");
        }

        @Test
        @DisplayName("C4: SALES_QUALIFIED needs stakeholders and active evidence collection and reporting requirements")
        void sqlNeedsStakeholdersAndEvidence() {
            Lead mql = advance(Leads.from(Forms.complianceChecklist().frameworks("ISO 27001"))
                    .reads("compliance-mapping-checklist").reads("compliance-mapping-checklist")).lead();
            Lead accepted = applied(SALES.decide(mql, action("accept", Map.of()), List.of(), Leads.T0.plusSeconds(3600)));

            assertThat(refused(SALES.decide(accepted, action("qualify", Map.of("stakeholders", List.of("CISO", "Audit lead"),
                    "evidenceCollectionActive", true, "reportingRequirementsActive", false)), List.of(),
                    Leads.T0.plusSeconds(7200))).failed()).containsExactly("reporting-requirements-active");

            Transition t = transitionOf(SALES.decide(accepted, action("qualify", Map.of("stakeholders", List.of("CISO"),
                    "evidenceCollectionActive", true, "reportingRequirementsActive", true)), List.of(),
                    Leads.T0.plusSeconds(7200)));
            assertThat(t.to()).isEqualTo(Stage.SALES_QUALIFIED);
            assertThat(t.rule()).isEqualTo("grc-sql-stakeholders-and-evidence");
        }
    }
}
