package io.stagegate.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.aws.LeadStore;
import io.stagegate.local.TableSchema;
import io.stagegate.intake.IntakeHandler;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.sales.LeadsHandler;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake through the real handler and the real SDK clients: what a web form sees and what ends up
 * stored and queued. One contract, run against two AWS stand-ins: the embedded ones
 * ({@link IntakeOnStandInsTest}) and LocalStack in Docker ({@link IntakeOnLocalStackTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IntakeContract {

    IntakeHandler intake;
    LeadsHandler leads;
    LeadStore store;

    /** The environment a function gets on this target (endpoints, table and queue names). */
    abstract Map<String, String> environmentFor(Wiring.FunctionDef function);

    abstract DynamoDbClient dynamoDb();

    abstract List<String> receiveBodies(String queueName, int max, int waitSeconds);

    abstract void purgeQueues();

    @BeforeAll
    void buildHandlers() {
        TableSchema.createIfMissing(dynamoDb(), Wiring.TABLE_NAME);
        intake = new IntakeHandler(environmentFor(Wiring.INTAKE), Clock.systemUTC());
        leads = new LeadsHandler(environmentFor(Wiring.LEADS), Clock.systemUTC());
        store = new LeadStore(dynamoDb(), Wiring.TABLE_NAME, 180);
    }

    @BeforeEach
    void emptyQueues() {
        purgeQueues();
    }

    private static String uniqueEmail(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@northbank.example";
    }

    private APIGatewayV2HTTPResponse submit(String json, Map<String, String> headers) {
        return intake.handleRequest(Events.request("POST", "/v1/submissions", "/v1/submissions", "application/json",
                json, headers), null);
    }

    private static String demoRequest(String email) {
        return "{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Northbank\",\"jobTitle\":\"CISO\","
                + "\"industry\":\"Financial Services\",\"companySize\":4200,\"asset\":\"detections-overview\","
                + "\"campaignType\":\"paid-search\",\"country\":\"US\"}";
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) {
        try {
            return Json.MAPPER.readTree(r.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.getBody(), e);
        }
    }

    @Test
    @DisplayName("the sample demo request is stored as a NEW_INBOUND lead with its source, and scoring is queued")
    void sampleSubmissionIsStoredAndQueuedForScoring() {
        APIGatewayV2HTTPEvent sample = Events.http("submission-demo-request.json");
        sample.setHeaders(Map.of("content-type", "application/json", "idempotency-key", "it-" + UUID.randomUUID()));
        sample.setBody(demoRequest(uniqueEmail("dana")));
        APIGatewayV2HTTPResponse r = intake.handleRequest(sample, null);

        assertThat(r.getStatusCode()).isEqualTo(202);
        String leadId = json(r).path("leadId").asText();
        assertThat(json(r).path("duplicate").asBoolean()).isFalse();

        APIGatewayV2HTTPResponse got = leads.handleRequest(Events.request("GET", "/v1/leads/{leadId}",
                "/v1/leads/" + leadId, null, null, Map.of()), null);
        assertThat(got.getStatusCode()).isEqualTo(200);
        JsonNode lead = json(got);
        assertThat(lead.path("stage").asText()).isEqualTo("NEW_INBOUND");
        assertThat(lead.path("motion").asText()).isEqualTo("product-demo");
        assertThat(lead.path("source").path("formType").asText()).isEqualTo("demo_request");
        assertThat(lead.path("source").path("asset").asText()).isEqualTo("detections-overview");
        assertThat(lead.path("source").path("campaignType").asText()).isEqualTo("paid-search");
        assertThat(lead.path("source").path("industrySelected").asText()).isEqualTo("Financial Services");

        List<String> scoring = receiveBodies(Wiring.SCORING_QUEUE.name(), 10, 2);
        assertThat(scoring).anySatisfy(body -> assertThat(body).contains(leadId));
    }

    @Test
    @DisplayName("a urlencoded HTML form is accepted like JSON")
    void urlencodedFormIsAccepted() {
        APIGatewayV2HTTPEvent sample = Events.http("submission-urlencoded.json");
        String email = uniqueEmail("gina");
        sample.setBody(sample.getBody().replace("gina.grc%40healthco.example", email.replace("@", "%40")));
        APIGatewayV2HTTPResponse r = intake.handleRequest(sample, null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        var lead = store.load(LeadIds.fromEmail(email)).orElseThrow().lead();
        assertThat(lead.motion()).isEqualTo("compliance");
        assertThat(lead.frameworks()).containsExactlyInAnyOrder("hipaa", "soc2");
        assertThat(lead.person().role()).isEqualTo("grc-leader");
    }

    @Test
    @DisplayName("the same submission sent twice is counted once")
    void resendIsCountedOnce() {
        String email = uniqueEmail("resend");
        String key = "it-" + UUID.randomUUID();
        APIGatewayV2HTTPResponse first = submit(demoRequest(email), Map.of("idempotency-key", key));
        APIGatewayV2HTTPResponse second = submit(demoRequest(email), Map.of("idempotency-key", key));
        assertThat(json(first).path("duplicate").asBoolean()).isFalse();
        assertThat(json(second).path("duplicate").asBoolean()).isTrue();
        assertThat(json(second).path("leadId").asText()).isEqualTo(json(first).path("leadId").asText());
        assertThat(store.load(LeadIds.fromEmail(email)).orElseThrow().signals()).hasSize(1);

        // without a key, an identical body is the same submission too
        String other = uniqueEmail("nokey");
        submit(demoRequest(other), Map.of());
        APIGatewayV2HTTPResponse again = submit(demoRequest(other), Map.of());
        assertThat(json(again).path("duplicate").asBoolean()).isTrue();
        assertThat(store.load(LeadIds.fromEmail(other)).orElseThrow().signals()).hasSize(1);
    }

    @Test
    @DisplayName("20 concurrent submissions for one email make one lead with 20 signals")
    void concurrentSubmissionsMakeOneLead() throws Exception {
        String email = uniqueEmail("race");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String key = "race-" + i + "-" + UUID.randomUUID();
                results.add(pool.submit(() -> submit(demoRequest(email), Map.of("idempotency-key", key))));
            }
            for (Future<APIGatewayV2HTTPResponse> f : results) {
                assertThat(f.get().getStatusCode()).isEqualTo(202);
            }
        } finally {
            pool.shutdown();
        }
        LeadStore.LeadRecord r = store.load(LeadIds.fromEmail(email)).orElseThrow();
        assertThat(r.signals()).hasSize(20);
        assertThat(r.lead().version()).isEqualTo(20);
    }

    @Test
    @DisplayName("a filled honeypot is answered 202 and stores nothing")
    void honeypotStoresNothing() {
        String email = uniqueEmail("bot");
        APIGatewayV2HTTPResponse r = submit(demoRequest(email).replace("}", ",\"website\":\"http://spam.example\"}"), Map.of());
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(store.load(LeadIds.fromEmail(email))).isEmpty();
        assertThat(receiveBodies(Wiring.SCORING_QUEUE.name(), 10, 1)).isEmpty();
    }

    @Test
    @DisplayName("signals are stored once for a known lead and rejected by index for bad items")
    void signalBatch() {
        String email = uniqueEmail("signals");
        submit(demoRequest(email), Map.of());
        String sid = "s1-" + UUID.randomUUID();
        String body = "[{\"signalId\":\"" + sid + "\",\"email\":\"" + email + "\",\"type\":\"page_view\",\"path\":\"/platform/detections\"},"
                + "{\"signalId\":\"" + sid + "\",\"email\":\"" + email + "\",\"type\":\"page_view\",\"path\":\"/platform/detections\"},"
                + "{\"signalId\":\"s2\",\"email\":\"" + email + "\",\"type\":\"teleport\",\"path\":\"/x\"},"
                + "{\"signalId\":\"s3\",\"email\":\"nobody-" + email + "\",\"type\":\"page_view\",\"path\":\"/pricing\"}]";
        APIGatewayV2HTTPResponse r = intake.handleRequest(Events.request("POST", "/v1/signals", "/v1/signals",
                "application/json", body, Map.of()), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        JsonNode out = json(r);
        assertThat(out.path("accepted").asInt()).isEqualTo(1);
        assertThat(out.path("duplicates").asInt()).isEqualTo(1);
        assertThat(out.path("rejected")).hasSize(2);
        assertThat(out.path("rejected").get(0).path("index").asInt()).isEqualTo(2);
        assertThat(out.path("rejected").get(0).path("error").path("field").asText()).isEqualTo("type");
        assertThat(out.path("rejected").get(1).path("error").path("code").asText()).isEqualTo("UNKNOWN_LEAD");
        assertThat(store.load(LeadIds.fromEmail(email)).orElseThrow().signals()).hasSize(2);
    }

    @Test
    @DisplayName("every API error status is reachable and answered with the error JSON naming the field")
    void errorStatuses() {
        String email = uniqueEmail("errors");
        assertError(submit("{not json", Map.of()), 400, "MALFORMED_JSON", null);
        assertError(intake.handleRequest(Events.request("POST", "/v1/submissions", "/v1/submissions", "text/plain",
                "hello", Map.of()), null), 415, "UNSUPPORTED_MEDIA_TYPE", "content-type");
        assertError(submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"" + "x".repeat(20_000) + "\"}",
                Map.of()), 413, "PAYLOAD_TOO_LARGE", null);
        assertError(submit("{\"formType\":\"demo_request\"}", Map.of()), 422, "FIELD_REQUIRED", "email");
        assertError(submit("{\"formType\":\"demo_request\",\"email\":\"not-an-email\"}", Map.of()), 422, "INVALID_EMAIL", "email");
        assertError(submit("{\"formType\":\"fax\",\"email\":\"" + email + "\"}", Map.of()), 422, "UNKNOWN_FORM_TYPE", "formType");
        assertError(submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"companySize\":\"lots\"}", Map.of()),
                422, "INVALID_TYPE", "companySize");
        assertError(submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"occurredAt\":\"yesterday\"}", Map.of()),
                422, "INVALID_DATE", "occurredAt");
        assertThat(store.load(LeadIds.fromEmail(email))).as("nothing stored for rejected requests").isEmpty();

        assertError(leads.handleRequest(Events.request("GET", "/v1/leads/{leadId}", "/v1/leads/ld_000000000000000000000000",
                null, null, Map.of()), null), 404, "LEAD_NOT_FOUND", "leadId");

        submit(demoRequest(email), Map.of());
        String leadId = LeadIds.fromEmail(email);
        assertError(leads.handleRequest(Events.request("POST", "/v1/leads/{leadId}/actions", "/v1/leads/" + leadId + "/actions",
                "application/json", "{\"action\":\"close_won\",\"actor\":\"ae.anna\"}", Map.of()), null),
                409, "TRANSITION_NOT_ALLOWED", "action");
        assertError(leads.handleRequest(Events.request("POST", "/v1/leads/{leadId}/actions", "/v1/leads/" + leadId + "/actions",
                "application/json", "{\"action\":\"disqualify\",\"actor\":\"sdr.sam\",\"reason\":\"they seemed off\"}", Map.of()), null),
                422, "UNKNOWN_REASON", "reason");

        Map<String, String> env = new HashMap<>(environmentFor(Wiring.LEADS));
        env.put(Wiring.Env.API_TOKEN, "local-secret");
        LeadsHandler guarded = new LeadsHandler(env, Clock.systemUTC());
        assertError(guarded.handleRequest(Events.request("GET", "/v1/leads/{leadId}", "/v1/leads/" + leadId, null, null,
                Map.of()), null), 401, "UNAUTHENTICATED", "authorization");
        assertError(guarded.handleRequest(Events.request("GET", "/v1/leads/{leadId}", "/v1/leads/" + leadId, null, null,
                Map.of("authorization", "Bearer wrong")), null), 403, "FORBIDDEN", "authorization");
        assertThat(guarded.handleRequest(Events.request("GET", "/v1/leads/{leadId}", "/v1/leads/" + leadId, null, null,
                Map.of("authorization", "Bearer local-secret")), null).getStatusCode()).isEqualTo(200);
    }

    private static void assertError(APIGatewayV2HTTPResponse r, int status, String code, String field) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(status);
        JsonNode err = json(r).path("error");
        assertThat(err.path("code").asText()).isEqualTo(code);
        assertThat(err.path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(err.path("field").asText()).isEqualTo(field);
        }
    }
}
