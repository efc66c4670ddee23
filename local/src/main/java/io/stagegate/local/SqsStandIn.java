package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.QueueDef;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS stand-in: ElasticMQ embedded in this JVM on 127.0.0.1, with the queues of {@link Wiring}
 * created through the real {@link SqsClient}: each with its DLQ, redrive policy
 * (maxReceiveCount) and visibility timeout from its {@link QueueDef}.
 */
public final class SqsStandIn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsStandIn.class);

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;
    /** Every queue created here, DLQs included: name → URL. */
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    /** Names of the queues created here, DLQs excluded. */
    private final Set<String> queueNames = ConcurrentHashMap.newKeySet();

    private SqsStandIn(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = AwsClients.sqs(endpoint());
    }

    /** @param port 0 for any free port (bound directly by ElasticMQ, so no other process can take it first) */
    public static SqsStandIn start(int port) {
        if (port != 0) {
            Ports.requireFree(port, "--sqs-port");
        }
        try {
            var builder = SQSRestServerBuilder.withInterface(Ports.LOOPBACK)
                    .withAWSRegion(AwsClients.REGION.id())
                    .withAWSAccountId(AwsClients.ACCOUNT_ID);
            SQSRestServer server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
            int actualPort = server.waitUntilStarted().localAddress().getPort();
            return new SqsStandIn(server, actualPort);
        } catch (RuntimeException e) {
            throw new LocalStartupException("cannot start ElasticMQ on port " + port + ": " + e.getMessage()
                    + " (pass --sqs-port to choose another)", e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return Ports.url(port);
    }

    /** A client owned by this stand-in; do not close it. */
    public SqsClient client() {
        return client;
    }

    /** The pipeline queues of {@link Wiring#PIPELINE_QUEUES} plus one sales queue per team. */
    public void createWiringQueues(Collection<String> teamIds) {
        List<QueueDef> queues = new ArrayList<>(Wiring.PIPELINE_QUEUES);
        teamIds.forEach(team -> queues.add(Wiring.salesQueue(team)));
        queues.parallelStream().forEach(this::createQueue);
    }

    /** Creates the DLQ, then the queue redriving to it; idempotent. */
    public String createQueue(QueueDef queue) {
        String dlqUrl = client.createQueue(b -> b.queueName(queue.dlqName())).queueUrl();
        queueUrls.put(queue.dlqName(), dlqUrl);
        String dlqArn = queueArn(queue.dlqName());
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + queue.maxReceiveCount() + "\"}";
        String url = client.createQueue(b -> b.queueName(queue.name()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        queueUrls.put(queue.name(), url);
        queueNames.add(queue.name());
        LOG.debug("queue {} → {} (DLQ after {} receives)", queue.name(), url, queue.maxReceiveCount());
        return url;
    }

    /** URL of a queue created here (DLQs included), else asks ElasticMQ. */
    public String queueUrl(String name) {
        return queueUrls.computeIfAbsent(name, n -> client.getQueueUrl(b -> b.queueName(n)).queueUrl());
    }

    public String queueArn(String name) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl(name)).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * The value of {@code STAGEGATE_SALES_QUEUE_URL_PREFIX}: the URL a sales queue would have, up
     * to and including {@link Wiring#SALES_QUEUE_PREFIX}; a handler appends the team id.
     */
    public String salesQueueUrlPrefix() {
        return endpoint() + "/" + AwsClients.ACCOUNT_ID + "/" + Wiring.SALES_QUEUE_PREFIX;
    }

    /** Queue names created here (without DLQs), sorted. */
    public List<String> queueNames() {
        return queueNames.stream().sorted().toList();
    }

    /** Empties every queue created here, DLQs included (tests call it between cases). */
    public void purgeAll() {
        queueUrls.values().forEach(url -> client.purgeQueue(b -> b.queueUrl(url)));
    }

    /**
     * Receives up to {@code max} messages (1–10) from a queue by name, waiting up to
     * {@code waitSeconds}; the messages stay on the queue and come back after its visibility timeout.
     */
    public List<Message> receive(String queueName, int max, int waitSeconds) {
        return client.receiveMessage(b -> b.queueUrl(queueUrl(queueName)).maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** Approximate number of visible plus in-flight messages. */
    public int depth(String queueName) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl(queueName))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            LOG.warn("ElasticMQ did not stop cleanly: {}", e.toString());
        }
    }
}
