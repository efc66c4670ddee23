package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.FunctionDef;
import io.stagegate.wiring.Wiring.HttpTrigger;
import io.stagegate.wiring.Wiring.QueueTrigger;
import io.stagegate.wiring.Wiring.ScheduleTrigger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Stagegate on loopback: the {@link StandIns} (DynamoDB, SQS, EventBridge) plus the real handlers
 * of {@link Wiring#FUNCTIONS} behind an API Gateway stand-in, SQS pollers and a local scheduler.
 * Everything is built from {@link Wiring}. Handlers are made by a {@link HandlerFactory}
 * (by default the constructor convention described there); a function whose handler class is
 * not on the classpath is skipped with a warning.
 */
public final class LocalRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    /**
     * Pollers per queue-fed function of {@code local/run} (Main): Lambda runs several execution
     * environments per SQS event source at once (it starts with five concurrent batches), and one
     * invocation at a time made stage evaluation and scoring the local pipeline's bottleneck
     * (bench/RESULTS.md §3). Four keep a 2-core machine busy without flooding it.
     */
    public static final int DEFAULT_POLLERS = 4;

    private final StandIns standIns;
    private final ApiGatewayStandIn api;
    private final List<QueuePoller> pollers;
    private final ScheduleRunner schedules;
    private final Map<String, LocalFunction> functions;
    private final Path dataDir;
    private final long startupMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalRuntime(StandIns standIns, ApiGatewayStandIn api, List<QueuePoller> pollers, ScheduleRunner schedules,
                         Map<String, LocalFunction> functions, Path dataDir, long startupMillis) {
        this.standIns = standIns;
        this.api = api;
        this.pollers = pollers;
        this.schedules = schedules;
        this.functions = functions;
        this.dataDir = dataDir;
        this.startupMillis = startupMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with Stagegate's own set-up: a sales queue for every routing team of the lead model
     * ({@code leadModel} as in {@code STAGEGATE_LEAD_MODEL}; null for the shipped one) and the table
     * created from the wiring. Main, the test rigs and the benchmarks all start from here.
     */
    public static Builder stagegate(String leadModel) {
        return builder()
                .teams(() -> List.copyOf(io.stagegate.model.LeadModelLoader.load(leadModel).routing().teams().keySet()))
                .tableCreator(dynamo -> TableSchema.createIfMissing(dynamo, Wiring.TABLE_NAME));
    }

    public static final class Builder {
        private int httpPort = 3000;
        private int dynamoDbPort = 8000;
        private int sqsPort = 9324;
        private int eventBridgePort = 4010;
        private Path dataDir;
        private Supplier<List<String>> teams = List::of;
        private Clock clock = Clock.systemUTC();
        private final Map<String, Object> handlers = new HashMap<>();
        private HandlerFactory handlerFactory = HandlerFactory.byConvention();
        private Duration retryDelay;
        private Consumer<DynamoDbClient> tableCreator = dynamoDb -> { };
        private String apiToken;
        private final Map<String, String> extraEnv = new HashMap<>();
        private boolean pollQueues = true;
        private boolean runSchedules = true;
        private int pollers = 1;

        private Builder() {
        }

        /** 0 picks a free port (tests); the same holds for every port below. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder dynamoDbPort(int port) {
            this.dynamoDbPort = port;
            return this;
        }

        public Builder sqsPort(int port) {
            this.sqsPort = port;
            return this;
        }

        public Builder eventBridgePort(int port) {
            this.eventBridgePort = port;
            return this;
        }

        /** All four ports free (tests). */
        public Builder anyFreePorts() {
            return httpPort(0).dynamoDbPort(0).sqsPort(0).eventBridgePort(0);
        }

        /** Where dynalite persists; null (default) keeps the data in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Team ids of the lead model; one sales queue is created per team. */
        public Builder teams(Supplier<List<String>> teams) {
            this.teams = Objects.requireNonNull(teams);
            return this;
        }

        public Builder teams(List<String> teams) {
            return teams(() -> List.copyOf(teams));
        }

        /** Handed to handlers with a {@code (Map, Clock)} constructor and used for event times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** An explicit handler instance for a function (by {@link FunctionDef#name()}), before the factory. */
        public Builder handler(String functionName, Object handler) {
            handlers.put(functionName, handler);
            return this;
        }

        public Builder handlerFactory(HandlerFactory factory) {
            this.handlerFactory = Objects.requireNonNull(factory);
            return this;
        }

        /**
         * How long a message a handler failed stays invisible before its retry. Null (default):
         * the queue's visibility timeout, as in AWS. Tests use {@link Duration#ZERO}.
         */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        /** Creates the table (and its indexes) after dynalite started, before any handler is made. */
        public Builder tableCreator(Consumer<DynamoDbClient> tableCreator) {
            this.tableCreator = Objects.requireNonNull(tableCreator);
            return this;
        }

        /** Non-public routes then need {@code Authorization: Bearer <token>}; null (default) leaves them open. */
        public Builder apiToken(String apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /** An extra environment variable for the handlers (e.g. {@code STAGEGATE_LEAD_MODEL}). */
        public Builder env(String name, String value) {
            extraEnv.put(name, value);
            return this;
        }

        /** False: no poller threads; tests drive the queues themselves. */
        public Builder pollQueues(boolean pollQueues) {
            this.pollQueues = pollQueues;
            return this;
        }

        /**
         * Concurrent pollers per queue-fed function (default 1: one invocation at a time, as tests
         * want; {@code local/run} uses {@link #DEFAULT_POLLERS}). Each poller has its own handler
         * instance from the factory, as each Lambda execution environment has its own; a function
         * given an explicit instance ({@link #handler}) keeps one poller, since one instance cannot
         * stand for several environments.
         */
        public Builder pollers(int pollers) {
            if (pollers < 1) {
                throw new IllegalArgumentException("pollers must be at least 1, not " + pollers);
            }
            this.pollers = pollers;
            return this;
        }

        /** False: no timers; tests call {@link LocalRuntime#runScheduleNow}. */
        public Builder runSchedules(boolean runSchedules) {
            this.runSchedules = runSchedules;
            return this;
        }

        /**
         * Starts everything; on failure stops what already started.
         *
         * @throws LocalStartupException with a message for a person (taken port, Node missing, …)
         */
        public LocalRuntime start() {
            long started = System.nanoTime();
            keepAliveConnectionsForManyEnvironments();
            requireFreePorts();
            StandIns standIns = StandIns.start(dynamoDbPort, sqsPort, eventBridgePort, dataDir, teams.get(), clock, extraEnv);
            ApiGatewayStandIn api = null;
            List<QueuePoller> pollers = new ArrayList<>();
            ScheduleRunner schedules = null;
            try {
                tableCreator.accept(standIns.dynamoDb());
                HandlerFactory factory = handlerFactory.withOverrides(handlers);
                Map<String, LocalFunction> functions = createFunctions(factory, standIns);
                api = ApiGatewayStandIn.start(httpPort,
                        Wiring.FUNCTIONS.stream().filter(f -> f.trigger() instanceof HttpTrigger).toList(),
                        functions, apiToken, clock);
                for (LocalFunction function : functions.values()) {
                    if (function.def().trigger() instanceof QueueTrigger) {
                        for (LocalFunction instance : instances(function, factory, standIns)) {
                            QueuePoller poller = new QueuePoller(instance, standIns.sqsStandIn(), retryDelay);
                            pollers.add(pollQueues ? poller.start() : poller);
                        }
                    }
                }
                schedules = new ScheduleRunner(functions.values().stream()
                        .filter(f -> f.def().trigger() instanceof ScheduleTrigger).toList(), clock);
                if (runSchedules) {
                    schedules.start();
                }
                return new LocalRuntime(standIns, api, pollers, schedules, functions, dataDir,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                pollers.forEach(QueuePoller::close);
                if (schedules != null) {
                    schedules.close();
                }
                if (api != null) {
                    api.close();
                }
                standIns.close();
                throw e;
            }
        }

        /**
         * The JDK keeps at most 5 idle keep-alive connections per host ({@code http.maxConnections}),
         * which fits one Lambda environment (one invocation at a time). This JVM hosts every
         * function's environments, their pollers and the stand-ins' own clients, so far more than 5
         * threads talk to dynalite and ElasticMQ at once, and each surplus connection was closed after
         * its request and opened again for the next (hundreds of sockets in TIME_WAIT in a bench run).
         * Read by the JDK when it first caches a connection, so set before any stand-in starts; an
         * explicit {@code -Dhttp.maxConnections} wins.
         */
        private static void keepAliveConnectionsForManyEnvironments() {
            if (System.getProperty("http.maxConnections") == null) {
                System.setProperty("http.maxConnections", "64");
            }
        }

        private void requireFreePorts() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("--http-port", httpPort);
            ports.put("--dynamodb-port", dynamoDbPort);
            ports.put("--sqs-port", sqsPort);
            ports.put("--eventbridge-port", eventBridgePort);
            ports.forEach((flag, port) -> {
                if (port != 0) {
                    Ports.requireFree(port, flag);
                }
            });
        }

        /** The function's first instance plus up to {@code pollers - 1} more from the factory. */
        private List<LocalFunction> instances(LocalFunction first, HandlerFactory factory, StandIns standIns) {
            List<LocalFunction> out = new ArrayList<>(List.of(first));
            for (int i = 1; i < pollers; i++) {
                Object handler = factory.create(first.def(), standIns.environmentFor(first.def()), clock).orElse(null);
                if (handler == null || handler == first.handler()) {
                    LOG.debug("{}: one poller (an explicit handler instance)", first.name());
                    break;
                }
                out.add(LocalFunction.of(first.def(), handler));
            }
            return out;
        }

        private Map<String, LocalFunction> createFunctions(HandlerFactory factory, StandIns standIns) {
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            for (FunctionDef def : Wiring.FUNCTIONS) {
                factory.create(def, standIns.environmentFor(def), clock)
                        .ifPresent(handler -> functions.put(def.name(), LocalFunction.of(def, handler)));
            }
            return Map.copyOf(functions);
        }
    }

    public URI httpEndpoint() {
        return api.endpoint();
    }

    public StandIns standIns() {
        return standIns;
    }

    /** Functions that have a handler in this runtime, by name. */
    public Map<String, LocalFunction> functions() {
        return functions;
    }

    public long startupMillis() {
        return startupMillis;
    }

    /** Fires a scheduled function now (e.g. {@code stagegate-sla-expiry}); returns the handler's result. */
    public Object runScheduleNow(String functionName) {
        return schedules.runNow(functionName);
    }

    /** Number of pollers (each with its own handler instance) of a queue-triggered function. */
    public int pollers(String functionName) {
        return (int) pollers.stream().filter(p -> p.functionName().equals(functionName)).count();
    }

    /** One receive → handle → delete cycle of a queue-triggered function (with {@code pollQueues(false)}). */
    public int pollOnce(String functionName) {
        return pollers.stream().filter(p -> p.functionName().equals(functionName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue-triggered function " + functionName))
                .pollOnce();
    }

    /** Where everything is, for people. */
    public String banner() {
        StringBuilder out = new StringBuilder();
        String dynamo = standIns.dynamoDbEndpoint().toString();
        out.append("Stagegate local runtime ready in ").append(startupMillis).append(" ms\n");
        out.append(String.format("  HTTP API     %s%n", httpEndpoint()));
        out.append(String.format("  DynamoDB     %s   table %s (%s)%n", dynamo, Wiring.TABLE_NAME,
                dataDir == null ? "in memory" : "data in " + dataDir.toAbsolutePath()));
        out.append(String.format("  SQS          %s   queues: %s%n", standIns.sqsStandIn().endpoint(),
                String.join(", ", standIns.sqsStandIn().queueNames())));
        out.append(String.format("  EventBridge  %s   bus %s, rules: %s%n", standIns.eventBridgeStandIn().endpoint(),
                Wiring.EVENT_BUS_NAME, Wiring.RULES.stream().map(r -> r.name() + " → " + r.target().name())
                        .collect(Collectors.joining(", "))));
        out.append("  functions:\n");
        for (FunctionDef def : Wiring.FUNCTIONS) {
            int polling = pollers(def.name());
            out.append(String.format("    %-28s %-10s %s%s%n", def.name(),
                    functions.containsKey(def.name()) ? "running" : "SKIPPED", describe(def.trigger()),
                    polling > 1 ? ", " + polling + " pollers" : ""));
        }
        out.append("  AWS CLI/SDK: region us-east-1, access key \"local\", secret \"local\"\n");
        return out.toString();
    }

    private static String describe(Wiring.Trigger trigger) {
        if (trigger instanceof HttpTrigger http) {
            return http.routes().stream().map(Wiring.RouteDef::routeKey).collect(Collectors.joining(", "));
        }
        if (trigger instanceof QueueTrigger queue) {
            return "queue " + queue.queue().name() + " (batch " + queue.batchSize() + ")";
        }
        ScheduleTrigger schedule = (ScheduleTrigger) trigger;
        return "schedule " + schedule.expression();
    }

    /** Stops pollers, timers, the HTTP API, EventBridge, ElasticMQ and dynalite, in that order. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        pollers.forEach(QueuePoller::requestStop);
        pollers.forEach(QueuePoller::close);
        schedules.close();
        api.close();
        standIns.close();
        LOG.debug("local runtime stopped");
    }
}
