package io.stagegate.infra;

import io.stagegate.wiring.Wiring.QueueDef;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A queue and its dead-letter queue, both named, SSE (SQS-managed) and SSL-only, built from a
 * {@link QueueDef}: name, visibility timeout and redrive limit come from the wiring.
 */
public class QueueWithDlq extends Construct {

    /** Standard queues keep a message's original enqueue time in the DLQ: the DLQ must keep longer. */
    static final Duration QUEUE_RETENTION = Duration.days(4);
    static final Duration DLQ_RETENTION = Duration.days(14);

    private final QueueDef def;
    private final Queue queue;
    private final Queue deadLetterQueue;

    public QueueWithDlq(Construct scope, String id, QueueDef def) {
        super(scope, id);
        this.def = def;
        this.deadLetterQueue = Queue.Builder.create(this, "Dlq")
                .queueName(def.dlqName())
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
        this.queue = Queue.Builder.create(this, "Queue")
                .queueName(def.name())
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(QUEUE_RETENTION)
                .visibilityTimeout(Duration.seconds(def.visibilityTimeoutSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(def.maxReceiveCount())
                        .build())
                .build();
    }

    public QueueDef def() {
        return def;
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
