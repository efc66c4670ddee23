package io.stagegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "rules that hold for every motion" of SCENARIOS.md, each through the HTTP API, the queues
 * and the event bus of the local runtime (time never moves in this class; see TimersEndToEndTest).
 */
class EveryMotionRulesEndToEndTest {

    static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    static String demoRequest(String email, String title, String industry, Integer size) {
        return "{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Acme Corp\",\"jobTitle\":\"" + title
                + "\",\"country\":\"US\"" + (industry == null ? "" : ",\"industry\":\"" + industry + "\"")
                + (size == null ? "" : ",\"companySize\":" + size) + ",\"asset\":\"detections-overview\"}";
    }

    @Test
    @DisplayName("high engagement with low fit never reaches MARKETING_QUALIFIED, and the lead says which fit check failed")
    void highEngagementLowFitStaysOut() {
        String email = Pipeline.email("rita", "shopfast.example");
        String leadId = pipeline.submit(demoRequest(email, "CISO", "Retail", 5000));
        pipeline.pageViews(email, "/platform/detections", "/platform/integrations", "/platform/deployment", "/pricing",
                "/pricing", "/platform/detections");
        pipeline.signals(email, "content_view", "detections-overview", "soc-modernization-guide");
        pipeline.awaitStage(leadId, "MARKETING_ENGAGED");
        JsonNode lead = pipeline.awaitSettled(leadId);
        assertThat(lead.path("stage").asText()).isEqualTo("MARKETING_ENGAGED");
        assertThat(lead.path("intentScore").asInt()).isGreaterThan(30);
        assertThat(lead.path("nextStage").path("failed").toString()).contains("icp-fit");
        assertThat(lead.path("nextStage").path("passed").toString()).contains("soc-use-case-signal");
    }

    @Test
    @DisplayName("automation does not move a lead without the minimum fields, and the lead names the missing field")
    void missingMinimumFieldBlocks() {
        String email = Pipeline.email("nofields", "acme.example");
        String leadId = pipeline.submit(demoRequest(email, "CISO", null, null));
        pipeline.pageViews(email, "/platform/detections");
        pipeline.awaitStage(leadId, "MARKETING_ENGAGED");
        JsonNode lead = pipeline.awaitSettled(leadId);
        assertThat(lead.path("stage").asText()).isEqualTo("MARKETING_ENGAGED");
        assertThat(lead.path("nextStage").path("missingFields").toString()).contains("industry", "companySize");
        assertThat(lead.path("nextStage").path("ready").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a technical role needs an architecture-fit signal before MQL; the gate is named until it shows one")
    void technicalRoleGate() {
        String email = Pipeline.email("arch", "acme.example");
        String leadId = pipeline.submit(demoRequest(email, "Cloud Security Architect", "Technology", 800));
        pipeline.pageViews(email, "/platform/detections");
        pipeline.awaitStage(leadId, "MARKETING_ENGAGED");
        JsonNode lead = pipeline.awaitSettled(leadId);
        assertThat(lead.path("stage").asText()).isEqualTo("MARKETING_ENGAGED");
        assertThat(lead.path("nextStage").path("failed").toString()).contains("technical-role-needs-architecture-signal");

        pipeline.pageViews(email, "/platform/integrations");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        JsonNode mql = pipeline.transitions(leadId).get(1);
        assertThat(mql.path("passed").toString()).contains("technical-role-needs-architecture-signal", "icp-fit");
    }

    @Test
    @DisplayName("a GRC lead without a selected framework stays out of MQL; a GRC role needs a compliance signal")
    void grcWithoutFrameworkStaysOut() {
        String email = Pipeline.email("grc", "healthco.example");
        String leadId = pipeline.submit("{\"formType\":\"compliance_checklist\",\"email\":\"" + email + "\",\"company\":\"HealthCo\","
                + "\"jobTitle\":\"GRC Manager\",\"country\":\"US\",\"industry\":\"Healthcare\",\"companySize\":900,"
                + "\"asset\":\"compliance-mapping-checklist\"}");
        pipeline.signals(email, "content_view", "compliance-mapping-checklist", "compliance-mapping-checklist");
        pipeline.awaitStage(leadId, "MARKETING_ENGAGED");
        JsonNode lead = pipeline.awaitSettled(leadId);
        assertThat(lead.path("stage").asText()).isEqualTo("MARKETING_ENGAGED");
        assertThat(lead.path("nextStage").path("failed").toString()).contains("framework-selected");
        assertThat(lead.path("nextStage").path("passed").toString()).contains("icp-fit", "grc-role-needs-compliance-signal");
    }

    @Test
    @DisplayName("a second form from the same person updates the same lead; the same submission twice counts once")
    void onePersonOneLead() {
        String email = Pipeline.email("twice", "acme.example");
        String first = pipeline.submit(demoRequest(email, "Security Analyst", "Technology", 800));
        String second = pipeline.submit("{\"formType\":\"webinar_registration\",\"email\":\"" + email.toUpperCase()
                + "\",\"jobTitle\":\"SOC Manager\",\"campaignType\":\"webinar\"}");
        assertThat(second).isEqualTo(first);
        JsonNode lead = pipeline.lead(first);
        assertThat(lead.path("jobTitle").asText()).isEqualTo("SOC Manager");
        assertThat(lead.path("source").path("formType").asText()).as("source stays first-touch").isEqualTo("demo_request");
        Pipeline.Response again = pipeline.post("/v1/submissions", demoRequest(email, "Security Analyst", "Technology", 800));
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("DISQUALIFIED and CLOSED_LOST need a reason code from the closed list; free text alone is refused")
    void reasonsFromClosedLists() {
        String email = Pipeline.email("dq", "acme.example");
        String leadId = pipeline.submit(demoRequest(email, "Intern", "Technology", 800));
        Pipeline.Response freeText = pipeline.action(leadId, Map.of("action", "disqualify", "actor", "mo.marketing",
                "reason", "just a student doing homework"));
        assertThat(freeText.status()).isEqualTo(422);
        assertThat(freeText.body().path("error").path("field").asText()).isEqualTo("reason");
        Pipeline.Response ok = pipeline.action(leadId, Map.of("action", "disqualify", "actor", "mo.marketing",
                "reason", "no_decision_influence", "note", "student project"));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode t = pipeline.transitions(leadId).get(0);
        assertThat(t.path("to").asText()).isEqualTo("DISQUALIFIED");
        assertThat(t.path("actor").asText()).isEqualTo("mo.marketing");
        assertThat(t.path("reason").asText()).isEqualTo("no_decision_influence");
        assertThat(t.path("note").asText()).isEqualTo("student project");
    }

    @Test
    @DisplayName("OPPORTUNITY needs problem, requirements, next step and a buying group at the account; then close-lost needs a reason")
    void opportunityNeedsBuyingGroup() {
        String domain = "buyers-" + java.util.UUID.randomUUID().toString().substring(0, 6) + ".example";
        String email = "ciso@" + domain;
        String leadId = pipeline.submit(demoRequest(email, "CISO", "Government", 12000));
        pipeline.pageViews(email, "/platform/detections");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        assertThat(pipeline.action(leadId, Map.of("action", "accept", "actor", "sam.sdr")).status()).isEqualTo(200);
        assertThat(pipeline.action(leadId, Map.of("action", "qualify", "actor", "sam.sdr", "facts", Map.of(
                "discoveryCallAt", "2026-12-01T09:00:00Z", "telemetrySources", List.of("edr"),
                "keyUseCases", List.of("detection"))))
                .status()).isEqualTo(200);
        Map<String, Object> convert = Map.of("action", "convert", "actor", "ae.anna", "facts", Map.of(
                "qualifiedProblem", "alert fatigue", "requirements", List.of("SIEM integration"), "nextStep", "POC on Jan 10"));
        Pipeline.Response noTechnical = pipeline.action(leadId, convert);
        assertThat(noTechnical.status()).isEqualTo(422);
        assertThat(noTechnical.body().path("error").path("failed").toString()).contains("buying-group-technical-stakeholder");

        pipeline.submit("{\"formType\":\"gated_download\",\"email\":\"architect@" + domain + "\",\"company\":\"Gov\","
                + "\"jobTitle\":\"Security Architect\",\"asset\":\"endpoint-datasheet\"}");
        Pipeline.Response converted = pipeline.action(leadId, convert);
        assertThat(converted.status()).as(converted.body().toString()).isEqualTo(200);
        assertThat(converted.body().path("stage").asText()).isEqualTo("OPPORTUNITY");

        assertThat(pipeline.action(leadId, Map.of("action", "close_lost", "actor", "ae.anna")).status()).isEqualTo(422);
        Pipeline.Response lost = pipeline.action(leadId, Map.of("action", "close_lost", "actor", "ae.anna", "reason", "lost_to_competitor"));
        assertThat(lost.status()).isEqualTo(200);
        assertThat(lost.body().path("stage").asText()).isEqualTo("CLOSED_LOST");
        assertThat(pipeline.action(leadId, Map.of("action", "accept", "actor", "sam.sdr")).status())
                .as("nothing after a closed stage").isEqualTo(409);
    }

    @Test
    @DisplayName("a prequalified partner lead goes to its partner manager and keeps its attribution through every stage")
    void partnerAttribution() {
        String email = Pipeline.email("pete", "cloudmart.example");
        String leadId = pipeline.submit("{\"formType\":\"partner_referral\",\"email\":\"" + email + "\",\"company\":\"CloudMart\","
                + "\"jobTitle\":\"IT Operations Manager\",\"country\":\"US\",\"industry\":\"Technology\",\"companySize\":650,"
                + "\"partnerId\":\"acme-msp\",\"partnerPrequalified\":true,\"useCase\":\"cloud-security\"}");
        pipeline.pageViews(email, "/platform/deployment");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        JsonNode routed = pipeline.awaitRouted("partner-management", leadId, "MARKETING_QUALIFIED");
        assertThat(routed.path("owner").asText()).isEqualTo("pat.partner");
        assertThat(routed.path("partner").path("partnerId").asText()).isEqualTo("acme-msp");

        pipeline.action(leadId, Map.of("action", "accept", "actor", "pat.partner"));
        pipeline.action(leadId, Map.of("action", "qualify", "actor", "pat.partner", "facts", Map.of(
                "discoveryCallAt", "2026-12-01T09:00:00Z", "keyUseCases", List.of("cloud posture"))));
        JsonNode sql = pipeline.awaitRouted("cloud-security", leadId, "SALES_QUALIFIED");
        assertThat(sql.path("partner").path("partnerId").asText()).isEqualTo("acme-msp");
        assertThat(pipeline.lead(leadId).path("partner").path("partnerId").asText()).isEqualTo("acme-msp");

        JsonNode funnel = pipeline.get("/v1/reports/funnel?from=2026-12-01&to=2026-12-01").body();
        assertThat(funnel.path("partners").path("acme-msp").path("SALES_QUALIFIED").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("sales feedback is recorded with the rule that let the lead through, and shows in the reasons report")
    void salesFeedbackNamesTheRule() {
        String email = Pipeline.email("feedback", "acme.example");
        String leadId = pipeline.submit(demoRequest(email, "Head of Security", "Financial Services", 3000));
        pipeline.pageViews(email, "/platform/detections");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        Pipeline.Response rejected = pipeline.action(leadId, Map.of("action", "reject", "actor", "sam.sdr",
                "reason", "wrong_department", "note", "they run IT, not security"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body().path("stage").asText()).isEqualTo("RECYCLE");
        JsonNode t = pipeline.transitions(leadId).get(2);
        assertThat(t.path("reason").asText()).isEqualTo("wrong_department");
        assertThat(t.path("evidence").path("rejectedRule").asText()).isEqualTo("pd-mql-fit-and-soc-signal");
        JsonNode funnel = pipeline.get("/v1/reports/funnel?from=2026-12-01&to=2026-12-01&motion=product-demo").body();
        assertThat(funnel.path("reasons").path("reject").path("wrong_department").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("the data-quality audit lists missing industry, unmapped titles and unmapped assets and pages")
    void dataQualityAudit() {
        String email = Pipeline.email("dq-audit", "acme.example");
        String leadId = pipeline.submit("{\"formType\":\"gated_download\",\"email\":\"" + email + "\",\"company\":\"Acme\","
                + "\"jobTitle\":\"Chief Vibes Officer\",\"asset\":\"mystery-whitepaper\"}");
        pipeline.pageViews(email, "/blog/unknown-post");
        JsonNode dq = pipeline.get("/v1/reports/data-quality").body();
        assertThat(dq.path("missing-industry").path("leadIds").toString()).contains(leadId);
        assertThat(dq.path("unmapped-title").path("leadIds").toString()).contains(leadId);
        assertThat(dq.path("unmapped-asset").path("leadIds").toString()).contains(leadId);
        assertThat(dq.path("unmapped-pages").has("/blog/unknown-post")).isTrue();
    }

    @Test
    @DisplayName("the funnel report counts entries and conversion per stage, per motion and source")
    void funnelReport() {
        JsonNode before = pipeline.get("/v1/reports/funnel?from=2026-12-01&to=2026-12-01&motion=services-assessment").body();
        long newBefore = before.path("stages").path("NEW_INBOUND").path("entered").asLong();
        long mqlBefore = before.path("stages").path("MARKETING_QUALIFIED").path("entered").asLong();
        for (int i = 0; i < 3; i++) {
            String email = Pipeline.email("vm" + i, "grid.example");
            String leadId = pipeline.submit("{\"formType\":\"assessment_interest\",\"email\":\"" + email + "\",\"company\":\"Grid\","
                    + "\"jobTitle\":\"" + (i == 0 ? "IT Operations Manager" : "CISO") + "\",\"country\":\"DE\","
                    + "\"industry\":\"Energy & Utilities\",\"companySize\":1800,\"asset\":\"vm-assessment-brief\","
                    + "\"utmSource\":\"linkedin\"}");
            pipeline.pageViews(email, "/resources/patching");
            pipeline.awaitStage(leadId, i == 0 ? "MARKETING_ENGAGED" : "MARKETING_QUALIFIED");
            pipeline.awaitSettled(leadId);
        }
        JsonNode after = pipeline.get("/v1/reports/funnel?from=2026-12-01&to=2026-12-01&motion=services-assessment").body();
        assertThat(after.path("stages").path("NEW_INBOUND").path("entered").asLong() - newBefore).isEqualTo(3);
        assertThat(after.path("stages").path("MARKETING_QUALIFIED").path("entered").asLong() - mqlBefore).isEqualTo(2);
        JsonNode bySource = pipeline.get("/v1/reports/funnel?from=2026-12-01&to=2026-12-01&motion=services-assessment&source=linkedin").body();
        assertThat(bySource.path("stages").path("MARKETING_ENGAGED").path("entered").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(bySource.path("stages").path("MARKETING_ENGAGED").path("conversionToNext").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    @DisplayName("a poison message goes to the DLQ after the redrive limit while the rest of its batch is processed")
    void poisonMessageGoesToTheDlq() {
        String email = Pipeline.email("batchmate", "acme.example");
        String leadId = pipeline.submit(demoRequest(email, "CISO", "Technology", 800));
        var sqs = pipeline.runtime.standIns();
        sqs.sqs().sendMessage(b -> b.queueUrl(sqs.queueUrl(Wiring.SCORING_QUEUE.name())).messageBody("{\"no-lead-id\":true}"));
        sqs.sqs().sendMessage(b -> b.queueUrl(sqs.queueUrl(Wiring.SCORING_QUEUE.name()))
                .messageBody("{\"leadId\":\"" + leadId + "\",\"causationId\":\"poison-test\"}"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                sqs.sqsStandIn().depth(Wiring.SCORING_QUEUE.dlqName()) >= 1);
        List<String> dead = sqs.receiveBodies(Wiring.SCORING_QUEUE.dlqName(), 10, 1);
        assertThat(dead).containsExactly("{\"no-lead-id\":true}");
        assertThat(pipeline.lead(leadId).path("fitScore").asInt()).isPositive();
    }
}
