package io.stagegate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.lead.domain.LeadIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/*.json}, one case a file) through the
 * HTTP API of the local runtime. Each case gets its documented status and error JSON naming the
 * field, never a 5xx; a refused request stores nothing (checked in DynamoDB by the lead id derived
 * from every corpus email in the body); the good items of a mixed signal batch are all stored.
 */
class HostileInputTest {

    private static final String CORPUS_DOMAIN = "@corpus.example";
    private static final String LOCAL_PART = "abcdefghijklmnopqrstuvwxyz0123456789._%+-";
    static Rig rig;
    static String actionLead;
    static String signalEmail;
    static String signalLead;
    static final Set<String> expectedStored = new LinkedHashSet<>();
    static int casesRun;

    @BeforeAll
    static void start() {
        rig = new Rig(Instant.parse("2026-12-01T10:00:00Z"));
        // a lead in MARKETING_QUALIFIED for the action cases (motion A), one in NEW_INBOUND for signals
        String email = "fixture.actions." + UUID.randomUUID().toString().substring(0, 6) + "@northbank.example";
        actionLead = submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Northbank\","
                + "\"jobTitle\":\"CISO\",\"country\":\"US\",\"industry\":\"Financial Services\",\"companySize\":4200,"
                + "\"asset\":\"detections-overview\"}");
        assertThat(rig.post("/v1/signals", "[{\"signalId\":\"fx-1\",\"email\":\"" + email + "\",\"type\":\"page_view\","
                + "\"path\":\"/platform/detections\"},{\"signalId\":\"fx-2\",\"email\":\"" + email
                + "\",\"type\":\"page_view\",\"path\":\"/platform/integrations\"}]").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MARKETING_QUALIFIED".equals(rig.lead(actionLead).path("stage").asText()));
        // routing assigns the MQL: wait until the lead is quiet
        await().atMost(Duration.ofSeconds(20)).until(() -> rig.lead(actionLead).hasNonNull("owner"));
        signalEmail = "fixture.signals." + UUID.randomUUID().toString().substring(0, 6) + "@corpus-fixture.example";
        signalLead = submit("{\"formType\":\"gated_download\",\"email\":\"" + signalEmail + "\"}");
    }

    private static String submit(String json) {
        Rig.Response r = rig.post("/v1/submissions", json);
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        return r.json().path("leadId").asText();
    }

    @AfterAll
    static void stop() {
        try {
            // across the whole corpus: exactly the fixtures and the accepted cases became leads
            Set<String> expected = new LinkedHashSet<>(List.of(actionLead, signalLead));
            expectedStored.forEach(e -> expected.add(LeadIds.fromEmail(e)));
            assertThat(rig.allLeads().keySet()).containsExactlyInAnyOrderElementsOf(expected);
            System.out.println("hostile corpus: " + casesRun + " cases, " + expectedStored.size() + " accepted as leads");
        } finally {
            rig.close();
        }
    }

    static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileInputTest.class.getResource("/hostile").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> corpusCases() throws IOException, URISyntaxException {
        List<Path> files = corpus();
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(Json.MAPPER.readTree(f.toFile()))));
    }

    private static String fill(String s) {
        return s.replace("{lead}", actionLead).replace("{signalEmail}", signalEmail).replace("{signalLead}", signalLead);
    }

    private static void run(JsonNode c) {
        casesRun++;
        String name = c.path("name").asText();
        String body;
        if (c.has("bodyRepeat")) {
            JsonNode r = c.get("bodyRepeat");
            body = fill(r.path("prefix").asText()) + r.path("unit").asText().repeat(r.path("times").asInt()) + r.path("suffix").asText();
        } else {
            body = c.hasNonNull("body") ? fill(c.get("body").asText()) : null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        c.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        long actionLeadVersionBefore = version(actionLead);
        int actionLeadItemsBefore = rig.partition(actionLead).size();

        Rig.Response r = rig.send(c.path("method").asText(), fill(c.path("path").asText()),
                c.hasNonNull("contentType") ? c.get("contentType").asText() : null, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));

        String describe = name + " → " + r.status() + " " + (r.raw().length() > 500 ? r.raw().substring(0, 500) : r.raw());
        assertThat(r.status()).as(describe).isLessThan(500).isEqualTo(c.path("expectStatus").asInt());
        JsonNode json = r.json();
        assertThat(r.headers().getOrDefault("content-type", List.of(""))).as(describe).anyMatch(v -> v.startsWith("application/json"));
        if (r.status() >= 400) {
            JsonNode error = json.path("error");
            assertThat(error.path("code").asText()).as(describe).isEqualTo(c.path("expectCode").asText());
            assertThat(error.path("message").asText()).as(describe).isNotBlank();
            if (c.hasNonNull("expectField")) {
                assertThat(error.path("field").asText()).as(describe).isEqualTo(c.get("expectField").asText());
            }
        }
        if (c.has("expectLeadId")) {
            assertThat(json.path("leadId").asText()).as(describe).isEqualTo(c.get("expectLeadId").asText());
        }
        Set<String> stored = new LinkedHashSet<>();
        c.path("expectStored").forEach(e -> stored.add(e.asText()));
        expectedStored.addAll(stored);
        for (String email : corpusEmails(body)) {
            String leadId = LeadIds.fromEmail(email);
            if (stored.contains(email)) {
                assertThat(rig.partition(leadId)).as(describe + ": " + email + " should be a lead").isNotEmpty();
            } else {
                assertThat(rig.partition(leadId)).as(describe + ": nothing may be stored for " + email).isEmpty();
            }
        }
        c.path("expectLead").fields().forEachRemaining(f -> {
            JsonNode lead = rig.lead(LeadIds.fromEmail(stored.iterator().next()));
            assertThat(lead.path(f.getKey()).asText()).as(describe).isEqualTo(f.getValue().asText());
        });
        if (c.has("expectAccepted")) {
            assertThat(json.path("accepted").asInt()).as(describe).isEqualTo(c.get("expectAccepted").asInt());
        }
        if (c.has("expectDuplicates")) {
            assertThat(json.path("duplicates").asInt()).as(describe).isEqualTo(c.get("expectDuplicates").asInt());
        }
        if (c.has("expectRejected")) {
            List<String> want = new ArrayList<>();
            c.get("expectRejected").forEach(x -> want.add(x.path("index").asInt() + ":" + x.path("code").asText()
                    + (x.has("field") ? ":" + x.get("field").asText() : "")));
            List<String> got = new ArrayList<>();
            json.path("rejected").forEach(x -> got.add(x.path("index").asInt() + ":" + x.path("error").path("code").asText()
                    + (x.path("error").has("field") ? ":" + x.path("error").path("field").asText() : "")));
            assertThat(got).as(describe).containsExactlyElementsOf(want);
        }
        Set<String> signalKeys = new LinkedHashSet<>();
        rig.partition(signalLead).forEach(i -> signalKeys.add(i.get("sk").s()));
        c.path("expectSignalsStored").forEach(s -> assertThat(signalKeys).as(describe).contains("SIG#" + s.asText()));
        c.path("expectSignalsNotStored").forEach(s -> assertThat(signalKeys).as(describe).doesNotContain("SIG#" + s.asText()));
        if (r.status() >= 400) {
            // a refused request changes nothing on the lead it names
            assertThat(version(actionLead)).as(describe).isEqualTo(actionLeadVersionBefore);
            assertThat(rig.partition(actionLead)).as(describe).hasSize(actionLeadItemsBefore);
        }
    }

    private static long version(String leadId) {
        return rig.partition(leadId).stream().filter(i -> i.get("sk").s().equals("LEAD"))
                .map(i -> Long.parseLong(i.get("version").n())).findFirst().orElse(-1L);
    }

    private static Set<String> corpusEmails(String body) {
        Set<String> out = new LinkedHashSet<>();
        if (body == null) {
            return out;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(body.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = body;
        }
        for (String text : List.of(body, decoded)) {
            // linear scan (a regex over a 1 MiB body of letters is quadratic)
            for (int at = text.indexOf(CORPUS_DOMAIN); at >= 0; at = text.indexOf(CORPUS_DOMAIN, at + 1)) {
                int from = at;
                while (from > 0 && LOCAL_PART.indexOf(Character.toLowerCase(text.charAt(from - 1))) >= 0) {
                    from--;
                }
                if (from < at) {
                    out.add((text.substring(from, at) + CORPUS_DOMAIN).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

}
