package io.stagegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.AwsClients;
import io.stagegate.aws.Json;
import io.stagegate.local.LocalRuntime;
import io.stagegate.local.StandIns;
import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Goal 3, end-to-end throughput against the stand-ins' own limit. On the whole local runtime, N
 * routed-MQL leads (demo_request form with ICP fit, then one /platform/detections page view; unique
 * emails and domains) are posted by C threads; leads/s = N ÷ (first POST → every lead's notification
 * received from {@code stagegate-sales-sdr}, deduplicated by leadId). The same run counts the DynamoDB
 * writes and SQS sends per lead (SDK interceptor on the handlers' clients, plus the EventBridge → SQS
 * deliveries = records of the EventBridge-fed functions), then measures raw PutItem/s (~1 KB items,
 * distinct keys, same table) and raw SendMessage/s (~1 KB) with the same C threads on the same
 * stand-ins; limit = min(PutItem/s ÷ writes per lead, SendMessage/s ÷ sends per lead).
 *
 * <p>{@code pollers=N}: the local runtime's pollers per queue-fed function ({@link LocalRuntime.Builder#pollers},
 * each with its own handler instance, as Lambda's concurrent execution environments); default
 * {@link LocalRuntime#DEFAULT_POLLERS}, as {@code local/run}. {@code warmup=N}: leads posted and
 * finished before the counted batch (default max(concurrency, 8)); JIT compilation of the SDK, Pekko and
 * Jackson goes on for ~40 s, so a short warm-up counts much of it per lead.
 *
 * <p>Usage: {@code bench/run Throughput [leads, default 200] [concurrency, default 8] [raw seconds, default 10] [pollers=N] [warmup=N]}
 */
public final class Throughput {

    public static void main(String[] args) {
        Harness.main(args, a -> run(a));
    }

    static void run(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rawSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int pollers = LocalRuntime.DEFAULT_POLLERS;
        int warm = Math.max(concurrency, 8);
        for (int i = 3; i < args.length; i++) {
            if (args[i].startsWith("pollers=")) {
                pollers = Integer.parseInt(args[i].substring("pollers=".length()));
            } else if (args[i].startsWith("warmup=")) {
                warm = Integer.parseInt(args[i].substring("warmup=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + " (pollers=N, warmup=N)");
            }
        }
        Harness.header("end-to-end throughput vs stand-in limit, " + leads + " routed-MQL leads, " + concurrency + " threads",
                "bench/run Throughput " + String.join(" ", args));
        RequestCounter counter = new RequestCounter();
        AwsClients.addInterceptor(counter);
        Invocations invocations = new Invocations();
        try (LocalRuntime runtime = LocalRuntime.stagegate(null).anyFreePorts()
                .retryDelay(Duration.ZERO).runSchedules(false).pollers(pollers)
                .handlerFactory(invocations.factory()).start()) {
            String api = runtime.httpEndpoint().toString().replaceAll("/$", "");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            String salesQueue = Wiring.salesQueue("sdr").name();
            System.out.printf("pollers per queue-fed function: %d%s%n", pollers,
                    pollers == LocalRuntime.DEFAULT_POLLERS ? " (local/run's default)" : "");

            // warm-up (JIT, connections, first model loads): not counted
            Batch w = batch(pool, http, api, runtime, salesQueue, warm, concurrency, 600_000, false);
            System.out.printf("warm-up: %d leads, %d notified in %.1f s%n", warm, w.notified, w.seconds);
            invocations.awaitQuiet(2_000, 60_000);
            runtime.standIns().purgeQueues();
            counter.reset();
            invocations.reset();

            Batch b = batch(pool, http, api, runtime, salesQueue, leads, concurrency, 600_000, true);
            double leadsPerSecond = b.notified / b.seconds;
            System.out.printf("%npipeline: %d leads posted (%d POSTs) in %.1f s, %d notifications on %s after %.1f s"
                            + " → %.1f leads/s%s%n", leads, 2 * leads, b.postSeconds, b.notified, salesQueue, b.seconds,
                    leadsPerSecond, b.notified < leads ? "  INCOMPLETE (timed out)" : "");
            System.out.println("   " + b.cpu().per(b.notified, "lead", b.seconds));
            invocations.awaitQuiet(2_000, 120_000); // late work (counters etc.) belongs to these leads too

            double ddbWrites = 0, ddbAll = 0, sqsSends = 0;
            System.out.printf("   %-34s %8s%n", "SDK request (handlers)", "per lead");
            for (var e : counter.snapshot().entrySet()) {
                double perLead = e.getValue().calls.sum() / (double) b.notified;
                System.out.printf("   %-34s %8.2f%s%n", e.getKey(), perLead,
                        e.getValue().failures.sum() > 0 ? "  (" + e.getValue().failures.sum() + " failed in all)" : "");
                String op = e.getKey().substring(e.getKey().indexOf('.') + 1);
                if (e.getKey().startsWith("DynamoDb")) {
                    ddbAll += perLead;
                    if (Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems").contains(op)) {
                        ddbWrites += perLead;
                    }
                } else if (op.startsWith("SendMessage")) {
                    sqsSends += perLead;
                }
            }
            double ebDeliveries = 0, polls = 0;
            for (var e : invocations.snapshot().entrySet()) {
                Invocations.Fn fn = e.getValue();
                if (fn.records.sum() > 0) {
                    polls += 2.0 * fn.invocations.sum() / b.notified;
                    if (!e.getKey().equals(Wiring.SCORING.name())) {
                        ebDeliveries += fn.records.sum() / (double) b.notified;
                    }
                }
                double busy = 0;
                for (double ms : new ArrayList<>(fn.millis)) {
                    busy += ms / 1000;
                }
                // busy ÷ window near the number of pollers = that function is the bottleneck
                System.out.printf("   fn %-31s %8.2f invocations, %.2f records per lead; median %.0f ms, busy %.1f s = %.2f of the %.1f s window%n",
                        e.getKey(), fn.invocations.sum() / (double) b.notified, fn.records.sum() / (double) b.notified,
                        Harness.median(fn.millis), busy, busy / b.seconds, b.seconds);
            }
            double sendsPerLead = sqsSends + ebDeliveries;
            System.out.printf("   per lead: %.2f DynamoDB writes (of %.2f DynamoDB requests); %.2f SQS sends (%.2f by handlers +"
                    + " %.2f EventBridge→SQS deliveries); %.2f receive+delete by the pollers (not in the limit)%n",
                    ddbWrites, ddbAll, sendsPerLead, sqsSends, ebDeliveries, polls);

            // the stand-ins' own limit, same threads, same processes (the pipeline's pollers idle meanwhile)
            StandIns aws = runtime.standIns();
            double putsPerSecond = rawPuts(pool, io.stagegate.local.AwsClients.dynamoDb(aws.dynamoDbEndpoint()), concurrency, rawSeconds);
            double sendsPerSecond = rawSends(pool, aws, concurrency, rawSeconds);
            double dynamoLimit = putsPerSecond / ddbWrites;
            double sqsLimit = sendsPerSecond / sendsPerLead;
            double limit = Math.min(dynamoLimit, sqsLimit);
            System.out.printf("%nraw DynamoDB PutItem (~1 KB, distinct keys, table %s): %.0f /s → %.1f leads/s at %.2f writes/lead%n",
                    Wiring.TABLE_NAME, putsPerSecond, dynamoLimit, ddbWrites);
            System.out.printf("raw SQS SendMessage (~1 KB): %.0f /s → %.1f leads/s at %.2f sends/lead%n", sendsPerSecond, sqsLimit, sendsPerLead);
            System.out.printf("limit = %.1f leads/s (%s); pipeline %.1f leads/s = %.2f × limit (goal ≥ 0.5: %s)%n", limit,
                    dynamoLimit <= sqsLimit ? "DynamoDB" : "SQS", leadsPerSecond, leadsPerSecond / limit,
                    leadsPerSecond / limit >= 0.5 ? "pass" : "FAIL");
            pool.shutdownNow();
        }
    }

    record Batch(int notified, double seconds, double postSeconds, Cpu cpu) {
    }

    /** CPU seconds used so far by this JVM (handlers, API/EventBridge stand-ins, ElasticMQ) and its child processes (dynalite). */
    record Cpu(double jvm, double children) {
        static Cpu now() {
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            double kids = ProcessHandle.current().descendants().mapToDouble(Cpu::ticks).sum() / 100.0;
            return new Cpu(jvm, kids);
        }

        private static double ticks(ProcessHandle p) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Double.parseDouble(f[11]) + Double.parseDouble(f[12]); // utime, stime (fields 14, 15)
            } catch (Exception e) {
                return 0;
            }
        }

        Cpu minus(Cpu o) {
            return new Cpu(jvm - o.jvm, children - o.children);
        }

        String per(double n, String unit, double seconds) {
            return String.format("CPU: JVM (handlers + API/EventBridge stand-ins + ElasticMQ) %.1f s, dynalite %.1f s"
                    + " = %.2f + %.2f ms per %s; %.2f of %d cores busy", jvm, children, 1000 * jvm / n, 1000 * children / n,
                    unit, (jvm + children) / seconds, Runtime.getRuntime().availableProcessors());
        }
    }

    /** CPU of this JVM's threads (Java and native: JIT compilers, GC) from /proc/self/task, grouped by name. */
    static final class ThreadCpu {
        static Map<String, Double> byName() {
            Map<String, Double> out = new HashMap<>();
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                for (var t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                    try {
                        String stat = java.nio.file.Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        double sec = (Double.parseDouble(f[11]) + Double.parseDouble(f[12])) / 100.0;
                        out.merge(name.replaceAll("[0-9#-]+$", "").replaceAll("-[0-9]+-", "-N-"), sec, Double::sum);
                    } catch (Exception ignored) {
                        // thread ended
                    }
                }
            } catch (Exception e) {
                return out;
            }
            return out;
        }

        static void print(Map<String, Double> before, Map<String, Double> after, int leads) {
            Map<String, Double> d = new HashMap<>();
            after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
            System.out.println("   JVM threads' CPU per lead (/proc/self/task, grouped by thread name; ended threads not counted):");
            d.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(25).forEach(e -> System.out.printf("     %-28s %7.2f ms%n", e.getKey(), 1000 * e.getValue() / leads));
        }
    }

    static Batch batch(ExecutorService pool, HttpClient http, String api, LocalRuntime runtime, String salesQueue,
                       int n, int concurrency, long timeoutMillis, boolean report) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> expected = new HashSet<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = "tp-" + run + "-" + i + "@northbank-" + run + "-" + i + ".example";
            emails.add(email);
            expected.add(io.stagegate.lead.domain.LeadIds.fromEmail(email));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong postsDone = new AtomicLong();
        Cpu cpu0 = Cpu.now();
        Map<String, Double> threads0 = ThreadCpu.byName();
        long epoch0 = System.currentTimeMillis();
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    String email = emails.get(i);
                    post(http, api + "/v1/submissions", Json.write(Map.of("formType", "demo_request", "email", email,
                            "company", "Northbank " + i, "jobTitle", "CISO", "country", "US",
                            "industry", "Financial Services", "companySize", 4200, "asset", "detections-overview")));
                    post(http, api + "/v1/signals", Json.write(List.of(Map.of("signalId", "pv-" + UUID.randomUUID(),
                            "email", email, "type", "page_view", "path", "/platform/detections"))));
                    postsDone.set(System.nanoTime());
                }
                return null;
            }));
        }
        Set<String> seen = new HashSet<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long last = t0;
        while (seen.size() < n && System.currentTimeMillis() < deadline) {
            for (Message m : runtime.standIns().receive(salesQueue, 10, 1)) {
                String id = Json.read(m.body(), JsonNode.class).path("leadId").asText();
                if (expected.contains(id) && seen.add(id)) {
                    last = System.nanoTime();
                }
            }
        }
        for (Future<?> f : fs) {
            f.get(10, TimeUnit.SECONDS); // surfaces a failed POST
        }
        Cpu cpu = Cpu.now().minus(cpu0);
        if (report) {
            System.out.printf("window (epoch ms, for JFR): %d %d%n", epoch0, epoch0 + (last - t0) / 1_000_000);
            ThreadCpu.print(threads0, ThreadCpu.byName(), seen.size());
        }
        return new Batch(seen.size(), (last - t0) / 1e9, (postsDone.get() - t0) / 1e9, cpu);
    }

    static double rawPuts(ExecutorService pool, DynamoDbClient dynamo, int concurrency, int seconds) throws Exception {
        String pad = "x".repeat(900);
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicLong seq = new AtomicLong();
        return timed(pool, concurrency, seconds, () -> {
            long i = seq.getAndIncrement();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.builder().s("RAW#" + run + "#" + i).build());
            item.put("sk", AttributeValue.builder().s("LEAD").build());
            item.put("data", AttributeValue.builder().s(pad).build());
            item.put("version", AttributeValue.builder().n("1").build());
            dynamo.putItem(b -> b.tableName(Wiring.TABLE_NAME).item(item));
        });
    }

    static double rawSends(ExecutorService pool, StandIns aws, int concurrency, int seconds) throws Exception {
        SqsClient sqs = aws.sqsStandIn().client();
        String url = sqs.createQueue(b -> b.queueName("bench-raw-sends")).queueUrl();
        String body = "{\"pad\":\"" + "y".repeat(1000) + "\"}";
        try {
            return timed(pool, concurrency, seconds, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)));
        } finally {
            sqs.deleteQueue(b -> b.queueUrl(url));
        }
    }

    /** Runs {@code op} on {@code concurrency} threads: 1 s warm-up, then {@code seconds} counted; ops/s. */
    static double timed(ExecutorService pool, int concurrency, int seconds, Runnable op) throws Exception {
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        long countFrom = start + 1_000_000_000L;
        long end = countFrom + seconds * 1_000_000_000L;
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            fs.add(pool.submit(() -> {
                long now;
                while ((now = System.nanoTime()) < end) {
                    op.run();
                    if (now >= countFrom) {
                        count.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        while (System.nanoTime() < countFrom) {
            Thread.sleep(10);
        }
        Cpu cpu0 = Cpu.now();
        for (Future<?> f : fs) {
            f.get(seconds + 60L, TimeUnit.SECONDS);
        }
        System.out.println("   raw " + Cpu.now().minus(cpu0).per(count.get(), "request", seconds));
        return count.get() / (double) seconds;
    }

    private static void post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
        }
    }
}
