package io.stagegate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Logs carry a correlation id and no personal data; everything listens on loopback only; the
 * lead, action and report routes need the bearer token when one is configured, the public
 * intake routes do not.
 */
class SecurityTest {

    static final String TOKEN = "local-test-token-7f3a";
    static Rig rig;
    static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        rig = new Rig(Instant.parse("2026-12-01T10:00:00Z"), b -> b.apiToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        try {
            rig.close();
        } finally {
            logs.close();
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void logsAreStructuredWithCorrelationIdsAndNeverCarryPii() {
        String email = "priscilla.pii@secretbank.example";
        String body = "{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"firstName\":\"Priscilla\",\"lastName\":\"Vandermolen\","
                + "\"phone\":\"+44 20 7946 0958\",\"company\":\"Secretbank\",\"jobTitle\":\"CISO\",\"country\":\"GB\","
                + "\"industry\":\"Financial Services\",\"companySize\":4200,\"asset\":\"detections-overview\"}";
        Rig.Response ok = rig.send("POST", "/v1/submissions", "application/json", Map.of("x-correlation-id", "corr-pii-1"),
                body.getBytes());
        assertThat(ok.status()).isEqualTo(202);
        assertThat(ok.headers().get("x-correlation-id")).containsExactly("corr-pii-1");
        String leadId = ok.json().path("leadId").asText();
        assertThat(rig.post("/v1/signals", "[{\"signalId\":\"pii-1\",\"email\":\"" + email
                + "\",\"type\":\"page_view\",\"path\":\"/platform/detections\"},{\"signalId\":\"pii-2\",\"email\":\"" + email
                + "\",\"type\":\"page_view\",\"path\":\"/platform/integrations\"}]").status()).isEqualTo(202);
        // refusals that echo nothing personal: a bad email, malformed JSON around an email, an email in the path
        assertThat(rig.post("/v1/submissions", "{\"formType\":\"demo_request\",\"email\":\"priscilla pii@secretbank.example\","
                + "\"phone\":\"+44 20 7946 0958\"}").status()).isEqualTo(422);
        assertThat(rig.post("/v1/submissions", "{\"email\":\"" + email + "\",").status()).isEqualTo(400);
        assertThat(rig.send("GET", "/v1/leads/priscilla.pii%40secretbank.example", null, bearer(TOKEN), null).status()).isEqualTo(404);
        // a hostile correlation id is not echoed into the logs
        assertThat(rig.send("POST", "/v1/submissions", "application/json", Map.of("x-correlation-id", "<script>" + email),
                body.getBytes()).headers().get("x-correlation-id").get(0)).doesNotContain(email);
        await().atMost(Duration.ofSeconds(20)).until(() -> rig.send("GET", "/v1/leads/" + leadId, null, bearer(TOKEN), null)
                .json().hasNonNull("owner"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                List.of(Wiring.SCORING_QUEUE, Wiring.STAGE_EVALUATION_QUEUE, Wiring.ROUTING_QUEUE).stream()
                        .allMatch(q -> rig.runtime.standIns().sqsStandIn().depth(q.name()) == 0));

        String text = logs.text();
        for (String pii : List.of(email, "priscilla.pii", "priscilla pii", "secretbank.example", "Priscilla", "Vandermolen",
                "7946 0958", "7946%200958")) {
            assertThat(text).as("logs must not contain " + pii).doesNotContainIgnoringCase(pii);
        }
        int jsonLines = 0;
        List<String> functions = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode l = Json.read(line, JsonNode.class);
                assertThat(l.path("correlationId").asText()).as(line).isNotBlank();
                assertThat(l.path("level").asText()).as(line).isIn("INFO", "ERROR");
                functions.add(l.has("function") ? l.get("function").asText() : l.path("route").asText());
                jsonLines++;
            }
        }
        assertThat(text).contains("\"correlationId\":\"corr-pii-1\"");
        // scoring applies the transitions itself: stage evaluation runs only after sales actions
        assertThat(functions).contains("POST /v1/submissions", "POST /v1/signals", Wiring.SCORING.name(),
                Wiring.ROUTING.name());
        System.out.println("security: " + jsonLines + " structured log lines checked for PII");
    }

    @Test
    void everythingListensOnLoopbackOnly() throws Exception {
        List<URI> endpoints = List.of(rig.runtime.httpEndpoint(), rig.runtime.standIns().dynamoDbEndpoint(),
                rig.runtime.standIns().sqsStandIn().endpoint(), rig.runtime.standIns().eventBridgeStandIn().endpoint());
        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    external.add(a);
                }
            }
        }
        for (URI endpoint : endpoints) {
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 1000); // it is up
            }
            for (InetAddress a : external) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, endpoint.getPort()), 500);
                    throw new AssertionError(endpoint + " is reachable on " + a);
                } catch (java.io.IOException expected) {
                    // refused: bound to loopback only
                }
            }
        }
        System.out.println("security: " + endpoints.size() + " endpoints loopback-only, probed on " + external.size() + " other addresses");
    }

    @Test
    void leadActionAndReportRoutesNeedTheBearerToken() {
        Rig.Response created = rig.post("/v1/submissions", "{\"formType\":\"gated_download\",\"email\":\"token.check@corp.example\"}");
        assertThat(created.status()).as("intake stays public").isEqualTo(202);
        String leadId = created.json().path("leadId").asText();
        assertThat(rig.post("/v1/signals", "[]").status()).as("signals stay public").isEqualTo(202);
        List<String[]> routes = List.of(
                new String[]{"GET", "/v1/leads/" + leadId},
                new String[]{"GET", "/v1/leads/" + leadId + "/transitions"},
                new String[]{"POST", "/v1/leads/" + leadId + "/actions"},
                new String[]{"GET", "/v1/reports/funnel?from=2026-12-01&to=2026-12-31"},
                new String[]{"GET", "/v1/reports/stuck?stage=MARKETING_QUALIFIED&olderThanDays=3"},
                new String[]{"GET", "/v1/reports/data-quality"});
        byte[] action = "{\"action\":\"disqualify\",\"actor\":\"mallory\",\"reason\":\"WRONG_FIT\"}".getBytes();
        for (String[] r : routes) {
            byte[] body = r[0].equals("POST") ? action : null;
            Rig.Response none = rig.send(r[0], r[1], "application/json", Map.of(), body);
            assertThat(none.status()).as(r[1]).isEqualTo(401);
            assertThat(none.json().path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(rig.send(r[0], r[1], "application/json", Map.of("Authorization", "Basic " + TOKEN), body).status()).isEqualTo(401);
            Rig.Response wrong = rig.send(r[0], r[1], "application/json", bearer(TOKEN + "x"), body);
            assertThat(wrong.status()).as(r[1]).isEqualTo(403);
            assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        }
        // nothing happened to the lead
        Rig.Response lead = rig.send("GET", "/v1/leads/" + leadId, null, bearer(TOKEN), null);
        assertThat(lead.status()).isEqualTo(200);
        assertThat(lead.json().path("stage").asText()).isNotEqualTo("DISQUALIFIED");
        assertThat(rig.send("GET", "/v1/reports/data-quality", null, bearer(TOKEN), null).status()).isEqualTo(200);
    }
}
