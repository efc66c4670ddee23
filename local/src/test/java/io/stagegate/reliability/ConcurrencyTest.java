package io.stagegate.reliability;

import io.stagegate.aws.AwsClients;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 50 concurrent submissions for one email plus 50 for distinct emails (and 10 resends racing
 * their originals), through the HTTP API: exactly 51 leads, every signal once, every successful
 * snapshot write a distinct next version (optimistic locking loses nothing), transition logs
 * without gaps or doubles.
 */
class ConcurrencyTest {

    static final SnapshotWrites writes = new SnapshotWrites();
    static Rig rig;

    @BeforeAll
    static void start() {
        AwsClients.addInterceptor(writes);
        rig = new Rig(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @AfterAll
    static void stop() {
        AwsClients.removeInterceptor(writes);
        rig.close();
    }

    static String form(String email, int n) {
        return "{\"formType\":\"" + (n % 2 == 0 ? "demo_request" : "gated_download") + "\",\"email\":\"" + email
                + "\",\"company\":\"Northbank\",\"jobTitle\":\"CISO\",\"country\":\"US\",\"industry\":\"Financial Services\","
                + "\"companySize\":4200,\"asset\":\"detections-overview\",\"submissionId\":\"conc-" + n + "\"}";
    }

    @Test
    void fiftyForOneEmailAndFiftyForDistinctOnes() throws Exception {
        String shared = "dana.concurrent@northbank.example";
        List<Callable<Rig.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = form(shared, i);
            calls.add(() -> rig.post("/v1/submissions", body));
            String other = form("person" + i + "@distinct" + i + ".example", 1000 + i);
            calls.add(() -> rig.post("/v1/submissions", other));
        }
        for (int i = 0; i < 10; i++) {
            String resend = form(shared, i * 5);
            calls.add(() -> rig.post("/v1/submissions", resend));
        }
        Collections.shuffle(calls, new java.util.Random(51));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Rig.Response>> results = new ArrayList<>();
        for (Callable<Rig.Response> c : calls) {
            results.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
        }
        go.countDown();
        int duplicates = 0;
        for (Future<Rig.Response> f : results) {
            Rig.Response r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.raw()).isEqualTo(202);
            duplicates += r.json().path("duplicate").asBoolean() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(duplicates).isEqualTo(10);

        // let scoring, stage evaluation and routing finish
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                List.of(Wiring.SCORING_QUEUE, Wiring.STAGE_EVALUATION_QUEUE, Wiring.ROUTING_QUEUE).stream()
                        .allMatch(q -> rig.runtime.standIns().sqsStandIn().depth(q.name()) == 0));

        Map<String, Long> leads = rig.allLeads();
        assertThat(leads).hasSize(51);
        String sharedLead = LeadIds.fromEmail(shared);
        long formSignals = rig.partition(sharedLead).stream().filter(i -> i.get("sk").s().startsWith("SIG#")).count();
        assertThat(formSignals).isEqualTo(50);
        for (Map.Entry<String, Long> lead : leads.entrySet()) {
            List<Long> written = writes.of(lead.getKey());
            // every successful conditional write made the next version: no two writers won the same one
            assertThat(written).as(lead.getKey()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, lead.getValue()).boxed().toList());
            Guarantees.assertCleanHistory(rig, lead.getKey());
            if (!lead.getKey().equals(sharedLead)) {
                assertThat(rig.partition(lead.getKey()).stream().filter(i -> i.get("sk").s().startsWith("SIG#")).count()).isEqualTo(1);
            }
        }
        assertThat(writes.of(sharedLead).size()).isGreaterThanOrEqualTo(50);
        System.out.println("concurrency: 110 submissions (10 resends), 51 leads checked, " + writes.total()
                + " snapshot writes, shared lead at version " + leads.get(sharedLead) + ", history "
                + Guarantees.stages(rig.transitions(sharedLead)));
    }
}
