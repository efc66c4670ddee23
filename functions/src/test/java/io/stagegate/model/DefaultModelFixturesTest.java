package io.stagegate.model;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.model.domain.Criterion;
import io.stagegate.model.domain.RoutingModel;
import io.stagegate.model.domain.Taxonomy;
import io.stagegate.stages.domain.EvaluationContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.MODEL;
import static io.stagegate.fixtures.Leads.NORMALISER;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md "Fixtures the default lead model must know": every name exists and means what it says. */
class DefaultModelFixturesTest {

    @ParameterizedTest(name = "first form {0} (use case {1}) → motion {2}")
    @CsvSource({"demo_request,,product-demo", "trial_signup,,product-demo", "DEMO_REQUEST,,product-demo",
            "assessment_interest,,services-assessment", "compliance_checklist,,compliance",
            "partner_referral,,partner", "contact_request,managed-detection,managed-service"})
    void motionFromFirstForm(String formType, String useCase, String motion) {
        assertThat(NORMALISER.motionFor(formType, useCase)).isEqualTo(motion);
        Lead lead = NORMALISER.apply(null, Forms.demoRequest().formType(formType).useCase(useCase).build(), Leads.T0);
        assertThat(lead.motion()).isEqualTo(motion);
    }

    @Test
    @DisplayName("other forms keep the model's default motion on a new lead")
    void otherFormsGetDefaultMotion() {
        assertThat(NORMALISER.apply(null, Forms.demoRequest().formType("gated_download").build(), Leads.T0).motion())
                .isEqualTo(MODEL.defaultMotion());
        assertThat(NORMALISER.apply(null, Forms.demoRequest().formType("contact_request").build(), Leads.T0).motion())
                .isEqualTo(MODEL.defaultMotion());
    }

    @ParameterizedTest(name = "asset {0} → {1}; {2}")
    @CsvSource(delimiter = '|', value = {"detections-overview|soc-operations|detections",
            "soc-modernization-guide|soc-operations|soc-modernization", "vm-assessment-brief|vulnerability-management|",
            "patch-prioritization-guide|vulnerability-management|patching prioritization",
            "compliance-mapping-checklist|compliance-mapping|compliance", "cloud-posture-report|cloud-security|",
            "identity-threat-guide|identity|", "ir-retainer-overview|incident-response|", "endpoint-datasheet|endpoint|",
            "DETECTIONS-OVERVIEW|soc-operations|detections"})
    void assets(String asset, String useCase, String topics) {
        Signal s = NORMALISER.signal("s", SignalType.CONTENT_VIEW, null, asset, Leads.T0, null);
        assertThat(s.mapped()).isTrue();
        assertThat(s.useCase()).isEqualTo(useCase);
        if (topics != null) {
            assertThat(s.topics()).contains(topics.split(" "));
        }
    }

    @ParameterizedTest(name = "page {0} → {1}")
    @CsvSource({"/platform/detections,detections", "/platform/integrations,integrations",
            "/platform/deployment,deployment", "/resources/patching,patching",
            "/resources/prioritization,prioritization", "/resources/vm-reporting,reporting",
            "/solutions/compliance/soc2,compliance", "/pricing,pricing", "/careers,careers", "/Platform/Detections/x,detections"})
    void pages(String path, String topic) {
        Signal s = NORMALISER.signal("s", SignalType.PAGE_VIEW, path, null, Leads.T0, null);
        assertThat(s.mapped()).isTrue();
        assertThat(s.topics()).contains(topic);
    }

    @Test
    @DisplayName("pricing is high intent and careers is negative")
    void pricingAndCareersScoring() {
        assertThat(MODEL.scoring().intentByTopic().get("pricing")).isPositive();
        assertThat(MODEL.scoring().intentByTopic().get("careers")).isNegative();
    }

    @ParameterizedTest(name = "industry {0} is ICP")
    @ValueSource(strings = {"Financial Services", "Healthcare", "Government", "Energy & Utilities", "Technology", "healthcare"})
    void icpIndustries(String industry) {
        assertThat(icpIndustry(industry)).isTrue();
    }

    @ParameterizedTest(name = "industry {0} is not ICP")
    @ValueSource(strings = {"Retail", "Manufacturing", "Education", "Other"})
    void nonIcpIndustries(String industry) {
        assertThat(NORMALISER.industry(industry)).as("known industry").isNotNull();
        assertThat(icpIndustry(industry)).isFalse();
    }

    private static boolean icpIndustry(String industry) {
        Lead lead = NORMALISER.apply(null, Forms.demoRequest().industry(industry).build(), Leads.T0);
        return ENGINE.criteria().test("icp-industry", ENGINE.context(lead, List.of(), Leads.T0));
    }

    @Test
    @DisplayName("200 employees or more fits the ICP; 199 does not")
    void companySizeBoundary() {
        for (int size : new int[] {199, 200}) {
            Lead lead = NORMALISER.apply(null, Forms.demoRequest().companySize(size).build(), Leads.T0);
            EvaluationContext ctx = ENGINE.context(lead, List.of(), Leads.T0);
            assertThat(ENGINE.criteria().test("icp-company-size", ctx)).as("%d employees", size).isEqualTo(size >= 200);
        }
    }

    @ParameterizedTest(name = "title {0} → role {1}")
    @CsvSource({"CISO,security-leadership", "Chief Information Security Officer,security-leadership",
            "VP Security,security-leadership", "Head of Security,security-leadership",
            "Director of Security,security-leadership", "ciso,security-leadership",
            "SOC Analyst,soc-analyst", "Security Analyst,soc-analyst",
            "Security Architect,security-architect", "Cloud Security Architect,security-architect",
            "Security Engineer,security-architect", "GRC Manager,grc-leader", "Compliance Manager,grc-leader",
            "Risk Manager,grc-leader", "IT Operations Manager,it-operations", "Systems Administrator,it-operations",
            "Student,not-a-buyer", "Intern,not-a-buyer"})
    void rolesFromTitles(String title, String role) {
        assertThat(NORMALISER.role(title)).isEqualTo(role);
    }

    @Test
    @DisplayName("technical roles are the architects/engineers and IT operations; students and interns are not buyers")
    void roleKinds() {
        assertThat(NORMALISER.isTechnicalRole("security-architect")).isTrue();
        assertThat(NORMALISER.isTechnicalRole("it-operations")).isTrue();
        assertThat(NORMALISER.isTechnicalRole("security-leadership")).isFalse();
        assertThat(MODEL.taxonomy().roles()).filteredOn(r -> r.id().equals("not-a-buyer"))
                .singleElement().extracting(Taxonomy.Role::buyer).isEqualTo(false);
    }

    @Test
    @DisplayName("the qualification facts of every motion are criteria of the model")
    void qualificationFacts() {
        Set<String> facts = new HashSet<>();
        MODEL.criteria().values().forEach(c -> {
            if (c instanceof Criterion.Fact f) {
                facts.add(f.fact());
            }
        });
        assertThat(facts).contains("telemetrySources", "keyUseCases", "discoveryCallAt", "scopingCallAt",
                "systemsScope", "serviceExpectations", "stakeholders", "evidenceCollectionActive",
                "reportingRequirementsActive", "qualifiedProblem", "requirements", "nextStep");
        assertThat(MODEL.motion("services-assessment").scheduleCallAccepts()).isTrue();
        assertThat(MODEL.opportunityGate()).contains("buying-group-security-leader", "buying-group-technical-stakeholder");
    }

    @Test
    @DisplayName("the reason codes are the closed lists of the scenarios")
    void reasonCodes() {
        assertThat(MODEL.reasonCodes()).containsEntry("recycle",
                Set.of("no_budget_timing", "evaluating_alternatives", "waiting_internal_approval"));
        assertThat(MODEL.reasonCodes().get("disqualify")).containsExactlyInAnyOrder("wrong_fit", "no_relevant_use_case",
                "no_decision_influence", "competitor", "spam");
        assertThat(MODEL.reasonCodes().get("reject")).containsExactlyInAnyOrder("wrong_department", "no_decision_maker",
                "use_case_unclear", "duplicate");
        assertThat(MODEL.reasonCodes().get("close_lost")).containsExactlyInAnyOrder("no_decision", "lost_to_competitor",
                "budget", "timing", "requirements_gap");
    }

    @Test
    @DisplayName("every specialist team exists with at least two people")
    void specialistTeams() {
        Map<String, RoutingModel.Team> teams = MODEL.routing().teams();
        for (String id : List.of("cloud-security", "endpoint", "identity", "incident-response", "soc-platform",
                "vulnerability-management", "grc")) {
            assertThat(teams).containsKey(id);
            assertThat(teams.get(id).members()).as(id).hasSizeGreaterThanOrEqualTo(2);
            assertThat(teams.get(id).manager()).as(id).isNotBlank();
        }
    }

    @Test
    @DisplayName("the compliance frameworks of the page paths are known")
    void frameworks() {
        for (String f : List.of("soc2", "iso27001", "nist-csf", "pci-dss", "hipaa", "cmmc")) {
            assertThat(NORMALISER.framework(f)).isEqualTo(f);
        }
        assertThat(NORMALISER.framework("SOC 2")).isEqualTo("soc2");
    }
}
