package io.stagegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    static String email(String who, String domain) {
        return who + "." + UUID.randomUUID().toString().substring(0, 6) + "@" + domain;
    }

    static String submit(String json) {
        Pipeline.Response r = pipeline.post("/v1/submissions", json);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        return r.body().path("leadId").asText();
    }

    static void signals(String email, String... paths) {
        StringBuilder b = new StringBuilder("[");
        for (String p : paths) {
            b.append(b.length() > 1 ? "," : "").append("{\"signalId\":\"").append(UUID.randomUUID())
                    .append("\",\"email\":\"").append(email).append("\",\"type\":\"page_view\",\"path\":\"").append(p).append("\"}");
        }
        Pipeline.Response r = pipeline.post("/v1/signals", b.append("]").toString());
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("accepted").asInt()).as(r.body().toString()).isEqualTo(paths.length);
    }

    static JsonNode awaitStage(String leadId, String stage) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> pipeline.lead(leadId).path("stage").asText().equals(stage));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("lead " + leadId + " never reached " + stage + ": " + pipeline.lead(leadId)
                    + "\ntransitions: " + pipeline.transitions(leadId), e);
        }
        return pipeline.lead(leadId);
    }

    static JsonNode awaitRouted(String team, String leadId, String stage) {
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            seen.addAll(pipeline.salesMessages(team));
            return seen.stream().anyMatch(m -> m.path("leadId").asText().equals(leadId) && m.path("stage").asText().equals(stage));
        });
        return seen.stream().filter(m -> m.path("leadId").asText().equals(leadId) && m.path("stage").asText().equals(stage))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("A: a SOC platform demo request goes NEW_INBOUND → engaged → MQL (SDR) → accepted → SQL, routed to soc-platform")
    void productDemoMotion() {
        String email = email("dana", "northbank.example");
        String leadId = submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Northbank\","
                + "\"jobTitle\":\"CISO\",\"country\":\"US\",\"industry\":\"Financial Services\",\"companySize\":4200,"
                + "\"asset\":\"detections-overview\",\"campaignType\":\"paid-search\"}");

        JsonNode lead = pipeline.lead(leadId);
        assertThat(lead.path("stage").asText()).isEqualTo("NEW_INBOUND");
        assertThat(lead.path("source").path("asset").asText()).isEqualTo("detections-overview");

        signals(email, "/platform/detections", "/platform/integrations");
        lead = awaitStage(leadId, "MARKETING_QUALIFIED");
        List<JsonNode> history = pipeline.transitions(leadId);
        assertThat(history).extracting(t -> t.path("to").asText()).containsExactly("MARKETING_ENGAGED", "MARKETING_QUALIFIED");
        assertThat(history.get(1).path("rule").asText()).isEqualTo("pd-mql-fit-and-soc-signal");
        assertThat(history.get(1).path("ruleSetVersion").asText()).isNotBlank();
        assertThat(history.get(1).path("passed").toString()).contains("icp-fit", "soc-use-case-signal");

        JsonNode mqlMessage = awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");
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

        JsonNode routed = awaitRouted("soc-platform", leadId, "SALES_QUALIFIED");
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
        String email = email("victor", "gridpower.example");
        String leadId = submit("{\"formType\":\"assessment_interest\",\"email\":\"" + email + "\",\"company\":\"GridPower\","
                + "\"jobTitle\":\"VP Security\",\"country\":\"DE\",\"industry\":\"Energy & Utilities\",\"companySize\":1800,"
                + "\"asset\":\"vm-assessment-brief\"}");
        assertThat(pipeline.lead(leadId).path("motion").asText()).isEqualTo("services-assessment");

        signals(email, "/resources/patching", "/resources/vm-reporting");
        awaitStage(leadId, "MARKETING_QUALIFIED");
        awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");

        Pipeline.Response scheduled = pipeline.action(leadId, Map.of("action", "schedule_call", "actor", "emil.sdr",
                "facts", Map.of("callAt", "2026-12-03T09:00:00Z")));
        assertThat(scheduled.status()).as(scheduled.body().toString()).isEqualTo(200);
        assertThat(scheduled.body().path("stage").asText()).isEqualTo("SALES_ACCEPTED");
        assertThat(scheduled.body().path("facts").path("scopingCallAt").asText()).isEqualTo("2026-12-03T09:00:00Z");

        Pipeline.Response qualified = pipeline.action(leadId, Map.of("action", "qualify", "actor", "emil.sdr",
                "facts", Map.of("systemsScope", "1,200 servers, 3 sites", "serviceExpectations", "quarterly reporting")));
        assertThat(qualified.status()).as(qualified.body().toString()).isEqualTo(200);
        JsonNode routed = awaitRouted("vulnerability-management", leadId, "SALES_QUALIFIED");
        assertThat(routed.path("useCase").asText()).isEqualTo("vulnerability-management");
    }

    @Test
    @DisplayName("C: a compliance checklist lead with a framework qualifies; SQL needs stakeholders and evidence; routes to grc")
    void complianceMotion() {
        String email = email("gina", "healthco.example");
        String leadId = submit("{\"formType\":\"compliance_checklist\",\"email\":\"" + email + "\",\"company\":\"HealthCo\","
                + "\"jobTitle\":\"Compliance Manager\",\"country\":\"US\",\"industry\":\"Healthcare\",\"companySize\":900,"
                + "\"asset\":\"compliance-mapping-checklist\",\"frameworks\":[\"HIPAA\"]}");
        signals(email, "/solutions/compliance/hipaa", "/solutions/compliance/soc2");
        awaitStage(leadId, "MARKETING_QUALIFIED");
        awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");

        assertThat(pipeline.action(leadId, Map.of("action", "accept", "actor", "sofia.sdr")).status()).isEqualTo(200);
        Pipeline.Response missing = pipeline.action(leadId, Map.of("action", "qualify", "actor", "sofia.sdr",
                "facts", Map.of("stakeholders", List.of("CISO", "Compliance lead"), "evidenceCollectionActive", true)));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().path("error").path("failed").toString()).contains("reporting-requirements-active");

        Pipeline.Response qualified = pipeline.action(leadId, Map.of("action", "qualify", "actor", "sofia.sdr",
                "facts", Map.of("stakeholders", List.of("CISO", "Compliance lead"), "evidenceCollectionActive", true,
                        "reportingRequirementsActive", true)));
        assertThat(qualified.status()).isEqualTo(200);
        JsonNode routed = awaitRouted("grc", leadId, "SALES_QUALIFIED");
        assertThat(routed.path("useCase").asText()).isEqualTo("compliance-mapping");
    }
}
