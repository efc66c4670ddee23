package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code ./local/run [--http-port 3000] [--dynamodb-port 8000] [--sqs-port 9324]
 * [--eventbridge-port 4010] [--data-dir DIR] [--replay FILE.jsonl] [--pollers N]}: starts the local runtime,
 * prints where everything is, optionally replays form submissions, and runs until Ctrl-C.
 * {@code STAGEGATE_API_TOKEN} and {@code STAGEGATE_LEAD_MODEL} from the environment are passed on.
 */
public final class Main {
    static final String USAGE = """
            usage: local/run [--http-port 3000] [--dynamodb-port 8000] [--sqs-port 9324] [--eventbridge-port 4010]
                             [--data-dir DIR] [--replay FILE.jsonl] [--pollers N]
              --pollers N          concurrent invocations per queue-fed function, each its own handler instance
                                   like Lambda's execution environments (default %d; 1 = one at a time)
              --data-dir DIR       keep DynamoDB data in DIR (default: in memory)
              --replay FILE.jsonl  POST each line once started (object: /v1/submissions, array: /v1/signals), print where the leads went
              environment: STAGEGATE_API_TOKEN (bearer token for the non-public routes), STAGEGATE_LEAD_MODEL
            """.formatted(LocalRuntime.DEFAULT_POLLERS);

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, Main::awaitShutdown);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses, starts, prints the banner, replays, then hands the runtime to {@code afterStart}
     * ({@code main} waits there for Ctrl-C; tests close it).
     *
     * @return 0, or 2 for bad arguments and start-up failures (message printed, no stack trace)
     */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<LocalRuntime> afterStart) {
        LocalRuntime runtime;
        Path replay;
        try {
            Options options = Options.parse(args);
            if (options.help) {
                out.print(USAGE);
                return 0;
            }
            replay = options.replay;
            if (replay != null && !Files.isReadable(replay)) {
                throw new LocalStartupException("cannot read the replay file " + replay);
            }
            LocalRuntime.Builder builder = LocalRuntime.stagegate(System.getenv(Wiring.Env.LEAD_MODEL))
                    .httpPort(options.httpPort).dynamoDbPort(options.dynamoDbPort)
                    .sqsPort(options.sqsPort).eventBridgePort(options.eventBridgePort)
                    .dataDir(options.dataDir)
                    .pollers(options.pollers)
                    .apiToken(System.getenv(Wiring.Env.API_TOKEN));
            String leadModel = System.getenv(Wiring.Env.LEAD_MODEL);
            if (leadModel != null) {
                builder.env(Wiring.Env.LEAD_MODEL, leadModel);
            }
            runtime = builder.start();
        } catch (IllegalArgumentException e) {
            err.println("stagegate-local: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (LocalStartupException e) {
            err.println("stagegate-local: " + e.getMessage());
            return 2;
        }

        out.print(runtime.banner());
        out.println("  (JVM start to ready: "
                + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) + " ms)");
        out.println("Ctrl-C stops everything.");
        if (replay != null) {
            try {
                out.println(replay(replay, runtime.httpEndpoint(), runtime));
            } catch (IOException e) {
                err.println("stagegate-local: replay failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        afterStart.accept(runtime);
        return 0;
    }

    /** Blocks until Ctrl-C (or any JVM shutdown), then stops everything. */
    private static void awaitShutdown(LocalRuntime runtime) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping…");
            runtime.close();
            System.out.println("stopped");
            stopped.countDown();
        }, "local-runtime-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * POSTs each non-blank line: a JSON object to /v1/submissions, a JSON array to /v1/signals.
     * Then waits for the pipeline to go quiet and tells where each submitted lead ended up and
     * which sales queues received notifications. Returns the report as text.
     */
    static String replay(Path file, URI httpEndpoint, LocalRuntime runtime) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, Integer> statuses = new TreeMap<>();
        java.util.Set<String> leadIds = new java.util.LinkedHashSet<>();
        int count = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            boolean signals = line.trim().startsWith("[");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(httpEndpoint + (signals ? "/v1/signals" : "/v1/submissions")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            java.util.regex.Matcher m = LEAD_ID.matcher(response.body());
            if (!signals && m.find()) {
                leadIds.add(m.group(1));
            }
            count++;
        }
        StringBuilder report = new StringBuilder("replayed " + count + " requests from " + file + ": "
                + statuses.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", ")));
        if (runtime == null) {
            return report.toString();
        }
        awaitQuiet(runtime);
        for (String leadId : leadIds) {
            HttpResponse<String> lead = http.send(HttpRequest.newBuilder(URI.create(httpEndpoint + "/v1/leads/" + leadId))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            report.append("\n  ").append(leadId).append("  ").append(field(lead.body(), "company"))
                    .append("  → ").append(field(lead.body(), "stage"))
                    .append(field(lead.body(), "team").equals("-") ? "" : "  (" + field(lead.body(), "team") + ": "
                            + field(lead.body(), "owner") + ")");
        }
        report.append("\n  sales notifications waiting:");
        runtime.standIns().sqsStandIn().queueNames().stream()
                .filter(q -> q.startsWith(Wiring.SALES_QUEUE_PREFIX) && !q.endsWith("-dlq"))
                .sorted()
                .forEach(q -> {
                    long depth = runtime.standIns().sqsStandIn().depth(q);
                    if (depth > 0) {
                        report.append(' ').append(q).append('=').append(depth);
                    }
                });
        return report.toString();
    }

    private static final java.util.regex.Pattern LEAD_ID = java.util.regex.Pattern.compile("\"leadId\"\\s*:\\s*\"(ld_[0-9a-f]+)\"");

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "-";
    }

    /** Waits (at most 15 s) until the pipeline queues stay empty for a moment. */
    private static void awaitQuiet(LocalRuntime runtime) throws InterruptedException {
        List<String> pipelineQueues = Wiring.PIPELINE_QUEUES.stream().map(Wiring.QueueDef::name)
                .filter(q -> !q.equals(Wiring.ESCALATION_QUEUE.name())).toList();
        long deadline = System.currentTimeMillis() + 15_000;
        int quietRounds = 0;
        while (System.currentTimeMillis() < deadline && quietRounds < 5) {
            boolean quiet = pipelineQueues.stream().allMatch(q -> runtime.standIns().sqsStandIn().depth(q) == 0);
            quietRounds = quiet ? quietRounds + 1 : 0;
            Thread.sleep(200);
        }
    }

    static final class Options {
        int httpPort = 3000;
        int dynamoDbPort = 8000;
        int sqsPort = 9324;
        int eventBridgePort = 4010;
        Path dataDir;
        Path replay;
        int pollers = LocalRuntime.DEFAULT_POLLERS;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            List<String> list = List.of(args);
            for (int i = 0; i < list.size(); i++) {
                String flag = list.get(i);
                if (flag.equals("--help") || flag.equals("-h")) {
                    options.help = true;
                    continue;
                }
                if (i + 1 >= list.size()) {
                    throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unknown argument " + flag);
                }
                String value = list.get(++i);
                switch (flag) {
                    case "--http-port" -> options.httpPort = port(flag, value);
                    case "--dynamodb-port" -> options.dynamoDbPort = port(flag, value);
                    case "--sqs-port" -> options.sqsPort = port(flag, value);
                    case "--eventbridge-port" -> options.eventBridgePort = port(flag, value);
                    case "--data-dir" -> options.dataDir = Path.of(value);
                    case "--replay" -> options.replay = Path.of(value);
                    case "--pollers" -> options.pollers = pollers(flag, value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return options;
        }

        private static int pollers(String flag, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n < 1 || n > 64) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number of pollers (1–64), not " + value);
            }
        }

        private static int port(String flag, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a port number (0–65535), not " + value);
            }
        }
    }
}
