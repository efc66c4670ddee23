package io.stagegate.local;

import io.stagegate.aws.TableSchema;
import io.stagegate.model.LeadModelLoader;
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
 * [--eventbridge-port 4010] [--data-dir DIR] [--replay FILE.jsonl]}: starts the local runtime,
 * prints where everything is, optionally replays form submissions, and runs until Ctrl-C.
 * {@code STAGEGATE_API_TOKEN} and {@code STAGEGATE_LEAD_MODEL} from the environment are passed on.
 */
public final class Main {
    static final String USAGE = """
            usage: local/run [--http-port 3000] [--dynamodb-port 8000] [--sqs-port 9324] [--eventbridge-port 4010]
                             [--data-dir DIR] [--replay FILE.jsonl]
              --data-dir DIR       keep DynamoDB data in DIR (default: in memory)
              --replay FILE.jsonl  POST each line to /v1/submissions once started, print status counts
              environment: STAGEGATE_API_TOKEN (bearer token for the non-public routes), STAGEGATE_LEAD_MODEL
            """;

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
            LocalRuntime.Builder builder = LocalRuntime.builder()
                    .httpPort(options.httpPort).dynamoDbPort(options.dynamoDbPort)
                    .sqsPort(options.sqsPort).eventBridgePort(options.eventBridgePort)
                    .dataDir(options.dataDir)
                    .apiToken(System.getenv(Wiring.Env.API_TOKEN))
                    .teams(() -> List.copyOf(LeadModelLoader.load(System.getenv(Wiring.Env.LEAD_MODEL))
                            .routing().teams().keySet()))
                    .tableCreator(dynamo -> TableSchema.createIfMissing(dynamo, Wiring.TABLE_NAME));
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
                out.println(replay(replay, runtime.httpEndpoint()));
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

    /** POSTs each non-blank line to /v1/submissions; returns "replayed N submissions: 202×n, …". */
    static String replay(Path file, URI httpEndpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI submissions = URI.create(httpEndpoint + "/v1/submissions");
        Map<Integer, Integer> statuses = new TreeMap<>();
        int count = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(submissions)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.discarding());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            count++;
        }
        return "replayed " + count + " submissions from " + file + ": " + statuses.entrySet().stream()
                .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }

    static final class Options {
        int httpPort = 3000;
        int dynamoDbPort = 8000;
        int sqsPort = 9324;
        int eventBridgePort = 4010;
        Path dataDir;
        Path replay;
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
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return options;
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
