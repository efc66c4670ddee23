package io.stagegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three reference motions of SCENARIOS.md through the HTTP API, the queues and the event bus
 * of the local runtime, each ending with the routed message on the right specialist team's queue.
 */
class ReferenceMotionsEndToEndTest {

    static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    @DisplayName("A: a SOC platform demo request goes NEW_INBOUND → engaged → MQL (SDR) → accepted → SQL, routed to soc-platform")
    void productDemoMotion() {
        String email = Pipeline.email("dana", "northbank.example");
        String leadId = pipeline.submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Northbank\","
                + "\"jobTitle\":\"CISO\",\"country\":\"US\",\"industry\":\"Financial Services\",\"companySize\":4200,"
                + "\"asset\":\"detections-overview\",\"campaignType\":\"paid-search\"}");

        JsonNode lead = pipeline.lead(leadId);
        assertThat(lead.path("stage").asText()).isEqualTo("NEW_INBOUND");
        assertThat(lead.path("source").path("asset").asText()).isEqualTo("detections-overview");

        pipeline.pageViews(email, "/platform/detections", "/platform/integrations");
        lead = pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        List<JsonNode> history = pipeline.transitions(leadId);
        assertThat(history).extracting(t -> t.path("to").asText()).containsExactly("MARKETING_ENGAGED", "MARKETING_QUALIFIED");
        assertThat(history.get(1).path("rule").asText()).isEqualTo("pd-mql-fit-and-soc-signal");
        assertThat(history.get(1).path("ruleSetVersion").asText()).isNotBlank();
        assertThat(history.get(1).path("passed").toString()).contains("icp-fit", "soc-use-case-signal");

        JsonNode mqlMessage = pipeline.awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");
        assertThat(mqlMessage.path("type").asText()).isEqualTo("lead.routed");
        assertThat(mqlMessage.path("owner").asText()).isIn("sam.sdr", "sofia.sdr");
        assertThat(mqlMessage.path("transitionId").asText()).isEqualTo(history.get(1).path("transitionId").asText());

        assertThat(pipeline.action(leadId, Map.of("action", "accept", "actor", "sam.sdr")).status()).isEqualTo(200);
        assertThat(pipeline.lead(leadId).path("slaDueAt").asText()).isNotBlank();
        Pipeline.Response tooEarly = pipeline.action(leadId, Map.of("action", "qualify", "actor", "sam.sdr",
                "facts", Map.of("telemetrySources", List.of("edr"))));
        assertThat(tooEarly.status()).isEqualTo(422);
        assertThat(tooEarly.body().path("error").path("failed").toString()).contains("discovery-call-recorded", "key-use-cases-confirmed");

        assertThat(pipeline.action(leadId, Map.of("action", "schedule_call", "actor", "sam.sdr",
                "facts", Map.of("callAt", "2026-12-02T15:00:00Z"))).status()).isEqualTo(200);
        Pipeline.Response qualified = pipeline.action(leadId, Map.of("action", "qualify", "actor", "sam.sdr",
                "facts", Map.of("telemetrySources", List.of("edr", "firewall", "cloudtrail"), "keyUseCases", List.of("threat detection"))));
        assertThat(qualified.status()).as(qualified.body().toString()).isEqualTo(200);
        assertThat(qualified.body().path("stage").asText()).isEqualTo("SALES_QUALIFIED");

        JsonNode routed = pipeline.awaitRouted("soc-platform", leadId, "SALES_QUALIFIED");
        assertThat(routed.path("team").asText()).isEqualTo("soc-platform");
        assertThat(routed.path("useCase").asText()).isEqualTo("soc-operations");
        assertThat(routed.path("lead").path("email").asText()).isEqualTo(email);
        assertThat(routed.path("motion").asText()).isEqualTo("product-demo");
        JsonNode last = pipeline.transitions(leadId).get(3);
        assertThat(last.path("actor").asText()).isEqualTo("sam.sdr");
        assertThat(last.path("rule").asText()).isEqualTo("pd-sql-discovery-confirmed");
    }

    @Test
    @DisplayName("B: a VM assessment lead reaches SALES_ACCEPTED by scheduling the scoping call, SQL routes to vulnerability-management")
    void servicesAssessmentMotion() {
        String email = Pipeline.email("victor", "gridpower.example");
        String leadId = pipeline.submit("{\"formType\":\"assessment_interest\",\"email\":\"" + email + "\",\"company\":\"GridPower\","
                + "\"jobTitle\":\"VP Security\",\"country\":\"DE\",\"industry\":\"Energy & Utilities\",\"companySize\":1800,"
                + "\"asset\":\"vm-assessment-brief\"}");
        assertThat(pipeline.lead(leadId).path("motion").asText()).isEqualTo("services-assessment");

        pipeline.pageViews(email, "/resources/patching", "/resources/vm-reporting");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        pipeline.awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");

        Pipeline.Response scheduled = pipeline.action(leadId, Map.of("action", "schedule_call", "actor", "emil.sdr",
                "facts", Map.of("callAt", "2026-12-03T09:00:00Z")));
        assertThat(scheduled.status()).as(scheduled.body().toString()).isEqualTo(200);
        assertThat(scheduled.body().path("stage").asText()).isEqualTo("SALES_ACCEPTED");
        assertThat(scheduled.body().path("facts").path("scopingCallAt").asText()).isEqualTo("2026-12-03T09:00:00Z");

        Pipeline.Response qualified = pipeline.action(leadId, Map.of("action", "qualify", "actor", "emil.sdr",
                "facts", Map.of("systemsScope", "1,200 servers, 3 sites", "serviceExpectations", "quarterly reporting")));
        assertThat(qualified.status()).as(qualified.body().toString()).isEqualTo(200);
        JsonNode routed = pipeline.awaitRouted("vulnerability-management", leadId, "SALES_QUALIFIED");
        assertThat(routed.path("useCase").asText()).isEqualTo("vulnerability-management");
    }

    @Test
    @DisplayName("C: a compliance checklist lead with a framework qualifies; SQL needs stakeholders and evidence; routes to grc")
    void complianceMotion() {
        String email = Pipeline.email("gina", "healthco.example");
        String leadId = pipeline.submit("{\"formType\":\"compliance_checklist\",\"email\":\"" + email + "\",\"company\":\"HealthCo\","
                + "\"jobTitle\":\"Compliance Manager\",\"country\":\"US\",\"industry\":\"Healthcare\",\"companySize\":900,"
                + "\"asset\":\"compliance-mapping-checklist\",\"frameworks\":[\"HIPAA\"]}");
        pipeline.pageViews(email, "/solutions/compliance/hipaa", "/solutions/compliance/soc2");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        pipeline.awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");

        assertThat(pipeline.action(leadId, Map.of("action", "accept", "actor", "sofia.sdr")).status()).isEqualTo(200);
        Pipeline.Response missing = pipeline.action(leadId, Map.of("action", "qualify", "actor", "sofia.sdr",
                "facts", Map.of("stakeholders", List.of("CISO", "Compliance lead"), "evidenceCollectionActive", true)));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().path("error").path("failed").toString()).contains("reporting-requirements-active");

        Pipeline.Response qualified = pipeline.action(leadId, Map.of("action", "qualify", "actor", "sofia.sdr",
                "facts", Map.of("stakeholders", List.of("CISO", "Compliance lead"), "evidenceCollectionActive", true,
                        "reportingRequirementsActive", true)));
        assertThat(qualified.status()).isEqualTo(200);
        JsonNode routed = pipeline.awaitRouted("grc", leadId, "SALES_QUALIFIED");
        assertThat(routed.path("useCase").asText()).isEqualTo("compliance-mapping");
    }
}
