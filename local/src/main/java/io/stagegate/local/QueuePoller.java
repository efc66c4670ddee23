package io.stagegate.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.wiring.Wiring.QueueTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source, locally: a thread long-polls the function's queue, hands each batch
 * to the handler as an {@link SQSEvent} and deletes what succeeded, honouring
 * {@link SQSBatchResponse#getBatchItemFailures()} (ReportBatchItemFailures). A handler exception
 * or a failure without a known message id fails the whole batch. Failed messages come back after
 * the queue's visibility timeout and reach the DLQ after maxReceiveCount through ElasticMQ's
 * redrive, unless {@code retryDelay} shortens the wait (tests).
 */
public final class QueuePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);
    private static final int WAIT_SECONDS = 1;
    private static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

    private final LocalFunction function;
    private final QueueTrigger trigger;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Duration retryDelay;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param retryDelay null to leave failed messages invisible for the queue's visibility timeout
     *                   (as Lambda does); else their visibility is set to this (0 s allowed)
     */
    public QueuePoller(LocalFunction function, SqsStandIn sqs, Duration retryDelay) {
        if (!(function.def().trigger() instanceof QueueTrigger queueTrigger)) {
            throw new IllegalArgumentException(function.name() + " has no queue trigger");
        }
        this.function = function;
        this.trigger = queueTrigger;
        this.sqs = sqs.client();
        this.queueUrl = sqs.queueUrl(queueTrigger.queue().name());
        this.queueArn = sqs.queueArn(queueTrigger.queue().name());
        this.retryDelay = retryDelay;
    }

    public String functionName() {
        return function.name();
    }

    public synchronized QueuePoller start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::loop, "poller-" + function.name() + "-" + SEQ.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("{}: polling {} failed: {}", function.name(), trigger.queue().name(), e.toString());
                    sleep(1000);
                }
            }
        }
    }

    /**
     * One receive → invoke → delete cycle; returns the number of messages handed to the handler.
     * Collects up to the trigger's batch size (several receives of at most 10).
     */
    public int pollOnce() {
        List<Message> batch = new ArrayList<>();
        int wait = WAIT_SECONDS;
        while (batch.size() < trigger.batchSize()) {
            int max = Math.min(10, trigger.batchSize() - batch.size());
            int waitSeconds = wait;
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            batch.addAll(received);
            if (received.size() < max) {
                break;
            }
            wait = 0;
        }
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> failedIds = invoke(batch);
        List<Message> succeeded = batch.stream().filter(m -> !failedIds.contains(m.messageId())).toList();
        List<Message> failed = batch.stream().filter(m -> failedIds.contains(m.messageId())).toList();
        delete(succeeded);
        if (retryDelay != null) {
            failed.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                    .receiptHandle(m.receiptHandle()).visibilityTimeout((int) retryDelay.toSeconds())));
        }
        if (!failed.isEmpty()) {
            LOG.info("{}: {} of {} messages failed and will be retried", function.name(), failed.size(), batch.size());
        }
        return batch.size();
    }

    /** The ids of the messages that failed. */
    private Set<String> invoke(List<Message> batch) {
        Set<String> all = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        Object result;
        try {
            result = function.invoke(toEvent(batch));
        } catch (RuntimeException e) {
            LOG.error("{} threw; the whole batch of {} will be retried", function.name(), batch.size(), e);
            return all;
        }
        if (!(result instanceof SQSBatchResponse response) || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || !all.contains(id)) {
                LOG.error("{} reported a failure for unknown message id {}; the whole batch will be retried",
                        function.name(), id);
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : batch) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new HashMap<>(message.attributesAsStrings()));
            record.setMessageAttributes(messageAttributes(message.messageAttributes()));
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(AwsClients.REGION.id());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        values.forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            attribute.setStringListValues(value.stringListValues());
            attribute.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
            attributes.put(name, attribute);
        });
        return attributes;
    }

    private void delete(List<Message> messages) {
        for (int i = 0; i < messages.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Message> chunk = messages.subList(i, Math.min(messages.size(), i + 10));
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .receiptHandle(chunk.get(j).receiptHandle()).build());
            }
            var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                LOG.warn("{}: {} deletes failed: {}", function.name(), response.failed().size(), response.failed());
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the thread to stop after its current long poll and batch, without waiting. */
    public void requestStop() {
        running = false;
    }

    /** Stops polling; the current long poll (≤ 1 s) and batch finish first. */
    @Override
    public void close() {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
            thread = null;
        }
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(WAIT_SECONDS + 5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
