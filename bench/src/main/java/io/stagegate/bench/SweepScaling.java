package io.stagegate.bench;

import io.stagegate.aws.AwsClients;
import io.stagegate.aws.LeadStore;
import io.stagegate.local.TableSchema;
import io.stagegate.lead.domain.Assignment;
import io.stagegate.lead.domain.Company;
import io.stagegate.lead.domain.FollowUp;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.Person;
import io.stagegate.lead.domain.SlaTimer;
import io.stagegate.lead.domain.Stage;
import io.stagegate.local.StandIns;
import io.stagegate.model.LeadModelLoader;
import io.stagegate.sla.RecycleSweepHandler;
import io.stagegate.sla.SlaExpiryHandler;
import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Goal 5, sweep scaling: stores S leads (fresh stand-ins per S) of which k have a due SLA timer
 * (SALES_ACCEPTED, assigned to sdr/sam.sdr, so the breach path runs) and k a due follow-up (RECYCLE);
 * the rest have timers in the future or none. Then one SLA sweep and one recycle sweep at a fixed
 * clock, for k = 10 and k = 1,000 on the same data (the two due sets lie in different time ranges:
 * sweeps at T0 see the 10, sweeps at T0 + 3 h see the 1,000; the 10 were re-armed / left RECYCLE).
 * Counts, per sweep, the items the due-timers GSI queries read (ScannedCount and Count) and all
 * DynamoDB read capacity, through SDK interceptors on the handlers' clients.
 *
 * <p>Usage: {@code bench/run SweepScaling [S,S,…] [k,k,…] [writer threads]} (default 10000,100000 10,1000 8)
 */
public final class SweepScaling {

    /** Reads of the GSI queries only (the per-lead partition queries go to {@link RequestCounter}). */
    static final class IndexReads implements ExecutionInterceptor {
        final LongAdder queries = new LongAdder();
        final LongAdder scanned = new LongAdder();
        final LongAdder count = new LongAdder();
        final DoubleAdder rcu = new DoubleAdder();

        void reset() {
            queries.reset();
            scanned.reset();
            count.reset();
            rcu.reset();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest q && q.indexName() != null
                    && context.response() instanceof QueryResponse r) {
                queries.increment();
                scanned.add(r.scannedCount() == null ? r.count() : r.scannedCount());
                count.add(r.count());
                if (r.consumedCapacity() != null && r.consumedCapacity().capacityUnits() != null) {
                    rcu.add(r.consumedCapacity().capacityUnits());
                }
            }
        }
    }

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    public static void main(String[] args) {
        Harness.main(args, a -> run(a));
    }

    static void run(String[] args) throws Exception {
        List<Integer> sizes = ints(args.length > 0 ? args[0] : "10000,100000");
        List<Integer> ks = ints(args.length > 1 ? args[1] : "10,1000");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Harness.header("sweep scaling: S stored leads, k due per sweep", "bench/run SweepScaling " + String.join(" ", args));
        List<String> teams = new ArrayList<>(LeadModelLoader.loadDefault().routing().teams().keySet());
        List<String> rows = new ArrayList<>();
        for (int s : sizes) {
            long st = System.nanoTime();
            try (StandIns aws = StandIns.start(0, 0, 0, null, teams, Clock.systemUTC(), Map.of())) {
                TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
                System.out.printf("%nS = %,d: stand-ins up in %d ms%n", s, (System.nanoTime() - st) / 1_000_000);
                load(aws, s, ks, threads);
                RequestCounter counter = new RequestCounter();
                IndexReads index = new IndexReads();
                AwsClients.addInterceptor(counter); // first: sets ReturnConsumedCapacity
                AwsClients.addInterceptor(index);
                try {
                    for (int i = 0; i < ks.size(); i++) {
                        int k = ks.get(i);
                        Clock clock = Clock.fixed(sweepTime(i), ZoneOffset.UTC);
                        for (String kind : List.of("sla", "recycle")) {
                            Object handler = kind.equals("sla")
                                    ? new SlaExpiryHandler(aws.environmentFor(Wiring.SLA_EXPIRY), clock)
                                    : new RecycleSweepHandler(aws.environmentFor(Wiring.RECYCLE_SWEEP), clock);
                            counter.reset();
                            index.reset();
                            long t0 = System.nanoTime();
                            Map<String, Object> result = handler instanceof SlaExpiryHandler h
                                    ? h.handleRequest(Map.of(), null)
                                    : ((RecycleSweepHandler) handler).handleRequest(Map.of(), null);
                            long ms = (System.nanoTime() - t0) / 1_000_000;
                            double rcuAll = 0, wcuAll = 0;
                            long calls = 0;
                            for (var e : counter.snapshot().entrySet()) {
                                if (e.getKey().startsWith("DynamoDb")) {
                                    rcuAll += e.getValue().readUnits.sum();
                                    wcuAll += e.getValue().writeUnits.sum();
                                    calls += e.getValue().calls.sum();
                                }
                            }
                            int due = ((Number) result.get("due")).intValue();
                            String row = String.format("| %,d | %,d | %s | %s | %d | %d / %d | %.3f | %.3f | %.2f | %.2f | %.2f | %d |",
                                    s, k, kind, result, index.queries.sum(), index.scanned.sum(), index.count.sum(),
                                    index.scanned.sum() / (double) k, index.rcu.sum() / k, rcuAll / k, wcuAll / k,
                                    calls / (double) k, ms);
                            System.out.println(row + (due != k ? "   WARNING: due " + due + " ≠ k " + k : ""));
                            rows.add(row);
                        }
                    }
                } finally {
                    AwsClients.removeInterceptor(index);
                    AwsClients.removeInterceptor(counter);
                }
            }
        }
        System.out.println();
        System.out.println("| S stored | k due | sweep | result | index queries | index items scanned / returned"
                + " | index items ÷ k | index RCU ÷ k | all RCU ÷ k | all WCU ÷ k | DynamoDB requests ÷ k | ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Sweep i runs at T0 + 3 h · i; due set i lies in (previous sweep, this sweep]. */
    static Instant sweepTime(int i) {
        return T0.plus(Duration.ofHours(3L * i));
    }

    static void load(StandIns aws, int s, List<Integer> ks, int threads) throws Exception {
        LeadStore store = new LeadStore(aws.dynamoDb(), Wiring.TABLE_NAME, 90);
        int dueTotal = 2 * ks.stream().mapToInt(Integer::intValue).sum();
        if (dueTotal > s) {
            throw new IllegalArgumentException("S " + s + " < due leads " + dueTotal);
        }
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < s; i = next.getAndIncrement()) {
                    Lead lead = lead((int) i, s, ks);
                    if (store.save(lead, null) != LeadStore.WriteResult.WRITTEN) {
                        failures.incrementAndGet();
                    }
                    if (i > 0 && i % 20_000 == 0) {
                        System.out.printf("  … %,d written, %.0f s%n", i, (System.nanoTime() - t0) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(30, TimeUnit.MINUTES);
        }
        pool.shutdown();
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  loaded %,d leads (LeadStore.save, %d threads) in %.1f s = %.0f puts/s, %d not written%n",
                s, threads, sec, s / sec, failures.get());
    }

    /**
     * Lead i: the first 2·Σk are due (per due set j: k_j SLA-due, then k_j recycle-due); of the rest a
     * third SALES_ACCEPTED with an SLA 2–92 days ahead, a third RECYCLE with a follow-up 2–92 days
     * ahead, a third MARKETING_ENGAGED without a timer.
     */
    static Lead lead(int i, int s, List<Integer> ks) {
        String email = "sweep-" + i + "@acme" + (i % 977) + ".example";
        Lead.Builder b = Lead.builder(LeadIds.fromEmail(email), email)
                .person(new Person("Pat", "Lee" + i, "Director of Security Operations", null, null))
                .company(new Company("Acme " + (i % 977), "acme" + (i % 977) + ".example", "Financial Services",
                        "financial-services", 1200 + i % 5000, "US", "NA"))
                .motion("product-demo")
                .createdAt(T0.minus(Duration.ofDays(30)))
                .updatedAt(T0.minus(Duration.ofDays(1)))
                .transitions(3);
        int offset = 0;
        for (int j = 0; j < ks.size(); j++) {
            int k = ks.get(j);
            Instant from = j == 0 ? sweepTime(0).minus(Duration.ofHours(2)) : sweepTime(j - 1).plusSeconds(60);
            Instant to = sweepTime(j);
            if (i < offset + 2 * k) {
                int n = i - offset;
                Instant due = from.plusMillis((to.toEpochMilli() - from.toEpochMilli()) * (n % k) / k);
                return n < k ? slaLead(b, due) : recycleLead(b, due);
            }
            offset += 2 * k;
        }
        Instant future = sweepTime(ks.size()).plus(Duration.ofDays(2)).plusSeconds((i * 7919L) % (90L * 86_400));
        return switch (i % 3) {
            case 0 -> slaLead(b, future);
            case 1 -> recycleLead(b, future);
            default -> b.stage(Stage.MARKETING_ENGAGED).stageEnteredAt(T0.minus(Duration.ofDays(3))).build();
        };
    }

    static Lead slaLead(Lead.Builder b, Instant due) {
        Instant entered = due.minus(Duration.ofHours(24));
        return b.stage(Stage.SALES_ACCEPTED).stageEnteredAt(entered)
                .assignment(new Assignment("sdr", "sam.sdr", entered.minus(Duration.ofHours(2)), "t-" + due.toEpochMilli()))
                .sla(new SlaTimer(Stage.SALES_ACCEPTED, "first-outreach-within-24h", due, 0)).build();
    }

    static Lead recycleLead(Lead.Builder b, Instant due) {
        return b.stage(Stage.RECYCLE).stageEnteredAt(due.minus(Duration.ofDays(90)))
                .followUp(new FollowUp(due, "no_budget_timing")).build();
    }

    static List<Integer> ints(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String p : csv.split(",")) {
            out.add(Integer.parseInt(p.trim()));
        }
        return out;
    }
}
