package io.stagegate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.AwsClients;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos on the whole local pipeline: throttling, 5xx and lost responses from DynamoDB, SQS and
 * EventBridge at a fixed-seed random rate, dynalite stopped and restarted mid-run, poison
 * messages. Web forms retry a 5xx with the same Idempotency-Key, as API.md tells them to. After
 * recovery: every accepted submission is a lead in the right stage with a clean history, no
 * transition or sales notification is missing or assigned twice (consumers dedupe by transition
 * id), poison messages sit in the DLQ with the reason logged, and no log line carries PII.
 */
class FaultInjectionTest {

    static final int LEADS = 24;
    static final Faults faults = new Faults(20261204L);
    static Rig rig;
    static Path dataDir;
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        AwsClients.addInterceptor(faults);
        dataDir = Files.createTempDirectory("stagegate-chaos-");
        logs = new LogCapture();
        // a failed message is retried after 1 s (5 receives before the DLQ): time to ride out a restart
        rig = new Rig(Instant.parse("2026-12-01T10:00:00Z"), b -> b.dataDir(dataDir).retryDelay(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() throws Exception {
        AwsClients.removeInterceptor(faults);
        try {
            if (rig != null) {
                rig.close();
            }
        } finally {
            logs.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A web form: resend the same request (same Idempotency-Key) on a 5xx or a dropped connection. */
    static Rig.Response postWithRetry(String path, String json, String key, AtomicInteger clientRetries) {
        for (int attempt = 1; ; attempt++) {
            Rig.Response r;
            try {
                r = rig.send("POST", path, "application/json", key == null ? Map.of() : Map.of("Idempotency-Key", key),
                        json.getBytes(StandardCharsets.UTF_8));
                if (r.status() < 500) {
                    return r;
                }
            } catch (IllegalStateException dropped) {
                r = null;
            }
            clientRetries.incrementAndGet();
            assertThat(attempt).as("gave up on " + path + " after " + attempt + " attempts: " + r).isLessThan(60);
            sleep(150);
        }
    }

    @Test
    void everyAcceptedSubmissionSurvivesFaultsRestartsAndPoison() throws Exception {
        AtomicInteger clientRetries = new AtomicInteger();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            emails.add("chaos.person" + i + "@bank" + i + ".example");
        }
        faults.rate(0.10);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                String email = emails.get(n);
                Rig.Response r = postWithRetry("/v1/submissions", "{\"formType\":\"demo_request\",\"email\":\"" + email
                        + "\",\"firstName\":\"Zebediah\",\"lastName\":\"Quimbleton" + n + "\",\"phone\":\"+1 555 0199 " + n
                        + "\",\"company\":\"Bank " + n + "\",\"jobTitle\":\"CISO\",\"country\":\"US\","
                        + "\"industry\":\"Financial Services\",\"companySize\":4200,\"asset\":\"detections-overview\"}",
                        "chaos-sub-" + n, clientRetries);
                assertThat(r.status()).as(r.raw()).isEqualTo(202);
                if (n == LEADS / 2) {
                    // DynamoDB goes away mid-run and comes back with its data
                    rig.runtime.standIns().stopDynamoDb();
                    sleep(800);
                    rig.runtime.standIns().startDynamoDb();
                }
                Rig.Response s = postWithRetry("/v1/signals", "[{\"signalId\":\"chaos-" + n + "-a\",\"email\":\"" + email
                        + "\",\"type\":\"page_view\",\"path\":\"/platform/detections\"},{\"signalId\":\"chaos-" + n
                        + "-b\",\"email\":\"" + email + "\",\"type\":\"page_view\",\"path\":\"/platform/integrations\"}]",
                        null, clientRetries);
                assertThat(s.status()).as(s.raw()).isEqualTo(202);
                assertThat(s.json().path("rejected").size()).as(s.raw()).isZero();
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // poison: not JSON, and a lead that does not exist
        String scoring = rig.runtime.standIns().queueUrl(Wiring.SCORING_QUEUE.name());
        rig.runtime.standIns().sqs().sendMessage(b -> b.queueUrl(scoring).messageBody("{not json"));
        rig.runtime.standIns().sqs().sendMessage(b -> b.queueUrl(scoring)
                .messageBody("{\"leadId\":\"ld_000000000000000000000bad\",\"causationId\":\"poison\"}"));

        // recovery: faults keep coming for a while, then stop; everything must settle
        sleep(1500);
        int randomFaults = faults.total();
        faults.rate(0);
        Map<String, String> owners = new HashMap<>();
        Set<String> mqlTransitions = new HashSet<>();
        for (String email : emails) {
            String leadId = LeadIds.fromEmail(email);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode lead = rig.lead(leadId);
                return lead != null && "MARKETING_QUALIFIED".equals(lead.path("stage").asText()) && lead.hasNonNull("owner");
            });
            List<JsonNode> history = Guarantees.assertCleanHistory(rig, leadId);
            assertThat(Guarantees.stages(history)).as(leadId).containsExactly("MARKETING_ENGAGED", "MARKETING_QUALIFIED");
            mqlTransitions.add(history.get(1).path("transitionId").asText());
            owners.put(leadId, rig.lead(leadId).path("owner").asText());
            long signals = rig.partition(leadId).stream().filter(i -> i.get("sk").s().startsWith("SIG#")).count();
            assertThat(signals).as(leadId + " signals").isEqualTo(3); // the form + two page views, each once
        }
        assertThat(rig.allLeads()).hasSize(LEADS);

        // the bus saw every transition (at least once: a lost PutEvents response re-sends)
        Set<String> published = new HashSet<>();
        rig.runtime.standIns().eventBridgeStandIn().events().stream()
                .filter(e -> Wiring.DetailType.LEAD_STAGE_CHANGED.equals(e.path("detail-type").asText()))
                .forEach(e -> published.add(e.path("detail").path("transitionId").asText()));
        assertThat(published).containsAll(mqlTransitions);

        // sales notifications: every MQL exactly once after dedupe by transition id, never two owners
        Map<String, Set<String>> ownersByTransition = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode m : rig.drain(Wiring.salesQueue("sdr").name(), 1)) {
                ownersByTransition.computeIfAbsent(m.path("transitionId").asText(), k -> new HashSet<>()).add(m.path("owner").asText());
                assertThat(m.path("owner").asText()).isEqualTo(owners.get(m.path("leadId").asText()));
            }
            return ownersByTransition.keySet().containsAll(mqlTransitions);
        });
        assertThat(ownersByTransition.keySet()).isEqualTo(mqlTransitions);
        assertThat(ownersByTransition.values()).allMatch(s -> s.size() == 1);

        // poison messages end in the DLQ, with the reason logged; nothing else does
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.runtime.standIns().sqsStandIn().depth(Wiring.SCORING_QUEUE.dlqName()) == 2);
        assertThat(logs.text()).contains("poison message: no lead id in the body", "no lead ld_000000000000000000000bad");
        for (Wiring.QueueDef q : List.of(Wiring.STAGE_EVALUATION_QUEUE, Wiring.ROUTING_QUEUE)) {
            assertThat(rig.runtime.standIns().sqsStandIn().depth(q.dlqName())).as(q.dlqName()).isZero();
        }

        // logs: structured, and no email, name or phone of the submitted forms
        String text = logs.text();
        for (int i = 0; i < LEADS; i++) {
            assertThat(text).doesNotContain(emails.get(i), "Quimbleton" + i, "0199 " + i);
        }
        assertThat(text).doesNotContain("Zebediah");

        System.out.println("fault injection: " + faults.total() + " faults injected (" + randomFaults + " random, rest targeted) in "
                + faults.calls() + " SDK attempts, dynalite restarted once, 2 poison messages, " + clientRetries.get()
                + " client resends, " + LEADS + " leads checked; by kind: " + faults.byKind());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
