package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.FunctionDef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The three AWS stand-ins together: DynamoDB (dynalite), SQS (ElasticMQ with every
 * {@link Wiring} queue) and EventBridge (event-ruler), with configured SDK clients and the
 * handlers' environment map.
 *
 * <p>For integration tests in any module: {@link #shared()} starts them once per JVM on free
 * loopback ports and stops them at JVM exit:
 * <pre>{@code
 * StandIns aws = StandIns.shared();
 * var handler = new ScoringHandler(aws.environmentFor(Wiring.SCORING), clock);
 * aws.purgeQueues();                       // between tests
 * aws.receiveBodies("stagegate-routing", 10, 2);
 * }</pre>
 * The clients it hands out belong to it: do not close them.
 */
public final class StandIns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandIns.class);
    private static StandIns shared;

    private volatile DynaliteProcess dynalite;
    private Path dataDir;
    private final SqsStandIn sqs;
    private final EventBridgeStandIn eventBridge;
    private final DynamoDbClient dynamoDbClient;
    private final EventBridgeClient eventBridgeClient;
    private final Map<String, String> environment;

    private StandIns(DynaliteProcess dynalite, DynamoDbClient dynamoDbClient, SqsStandIn sqs,
                     EventBridgeStandIn eventBridge, Map<String, String> extraEnv) {
        this.dynalite = dynalite;
        this.sqs = sqs;
        this.eventBridge = eventBridge;
        this.dynamoDbClient = dynamoDbClient;
        this.eventBridgeClient = AwsClients.eventBridge(eventBridge.endpoint());
        this.environment = LocalEnvironment.all(dynalite.endpoint(), sqs, eventBridge.endpoint(), extraEnv);
    }

    /** One set per JVM on free ports, with the pipeline queues (no sales queues: see {@link #createSalesQueues}). */
    public static synchronized StandIns shared() {
        if (shared == null) {
            StandIns started = start(0, 0, 0, null, List.of(), Clock.systemUTC(), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stand-ins-stop"));
            shared = started;
        }
        return shared;
    }

    /**
     * Starts dynalite (in parallel) and ElasticMQ, creates the Wiring queues, then the
     * EventBridge stand-in. Ports of 0 mean free ones.
     *
     * @param dataDir   dynalite's data directory; null for in-memory
     * @param teamIds   a sales queue is created per team
     * @param clock     event time for PutEvents entries without one
     * @param extraEnv  added to the environment map (e.g. {@code STAGEGATE_LEAD_MODEL})
     */
    public static StandIns start(int dynamoDbPort, int sqsPort, int eventBridgePort, Path dataDir,
                                 Collection<String> teamIds, Clock clock, Map<String, String> extraEnv) {
        // dynalite (a Node process) and the first DynamoDB call, which loads most of the SDK, run
        // beside ElasticMQ's start-up
        CompletableFuture<DynaliteProcess> dynalite =
                CompletableFuture.supplyAsync(() -> DynaliteProcess.start(dynamoDbPort, dataDir));
        CompletableFuture<DynamoDbClient> dynamoDb = dynalite.thenApply(d -> {
            DynamoDbClient client = AwsClients.dynamoDb(d.endpoint());
            client.listTables();
            return client;
        });
        SqsStandIn sqs = null;
        EventBridgeStandIn eventBridge = null;
        try {
            long t0 = System.nanoTime();
            sqs = SqsStandIn.start(sqsPort);
            long t1 = System.nanoTime();
            sqs.createWiringQueues(teamIds);
            long t2 = System.nanoTime();
            eventBridge = EventBridgeStandIn.start(eventBridgePort, sqs, clock);
            long t3 = System.nanoTime();
            StandIns standIns = new StandIns(dynalite.join(), dynamoDb.join(), sqs, eventBridge, extraEnv);
            standIns.dataDir = dataDir;
            LOG.debug("ElasticMQ {} ms, queues {} ms, EventBridge {} ms, then waited for dynalite {} ms",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
            return standIns;
        } catch (RuntimeException e) {
            closeQuietly(eventBridge);
            closeQuietly(sqs);
            dynamoDb.thenAccept(DynamoDbClient::close);
            dynalite.thenAccept(DynaliteProcess::close);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDbClient;
    }

    public SqsClient sqs() {
        return sqs.client();
    }

    public EventBridgeClient eventBridge() {
        return eventBridgeClient;
    }

    public URI dynamoDbEndpoint() {
        return dynalite.endpoint();
    }

    /**
     * Stops dynalite as if DynamoDB went away (fault-injection tests). Data survives only with a
     * data directory; {@link #startDynamoDb} brings it back on the same port.
     */
    public synchronized void stopDynamoDb() {
        dynalite.close();
    }

    public synchronized void startDynamoDb() {
        int port = dynalite.port();
        dynalite = DynaliteProcess.start(port, dataDir);
    }

    public SqsStandIn sqsStandIn() {
        return sqs;
    }

    public EventBridgeStandIn eventBridgeStandIn() {
        return eventBridge;
    }

    /** Every variable any function reads (queue URLs, table, bus, endpoints, region, dummy credentials). */
    public Map<String, String> environment() {
        return environment;
    }

    /** What one function sees: its Wiring env names plus the local endpoints, region and credentials. */
    public Map<String, String> environmentFor(FunctionDef function) {
        return LocalEnvironment.forFunction(function, environment);
    }

    public String queueUrl(String queueName) {
        return sqs.queueUrl(queueName);
    }

    /** Creates {@code stagegate-sales-<team>} (with its DLQ) for each team. */
    public void createSalesQueues(Collection<String> teamIds) {
        teamIds.forEach(team -> sqs.createQueue(Wiring.salesQueue(team)));
    }

    /** Empties every queue and DLQ and forgets the recorded events. */
    public void purgeQueues() {
        sqs.purgeAll();
        eventBridge.clearEvents();
    }

    /** Receives (and deletes) up to {@code max} messages from a queue by name, waiting up to {@code waitSeconds}. */
    public List<Message> receive(String queueName, int max, int waitSeconds) {
        List<Message> messages = sqs.receive(queueName, max, waitSeconds);
        String url = sqs.queueUrl(queueName);
        messages.forEach(m -> sqs.client().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return messages;
    }

    /** Bodies of {@link #receive}. */
    public List<String> receiveBodies(String queueName, int max, int waitSeconds) {
        return receive(queueName, max, waitSeconds).stream().map(Message::body).toList();
    }

    @Override
    public void close() {
        dynamoDbClient.close();
        eventBridgeClient.close();
        closeQuietly(eventBridge);
        closeQuietly(sqs);
        dynalite.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort while failing or stopping
            }
        }
    }
}
