package io.stagegate.aws;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Sends JSON messages to SQS queues (the SDK retries throttling and 5xx). */
public final class QueueSender {

    private final SqsClient sqs;

    public QueueSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String send(String queueUrl, Object body) {
        return sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(Json.write(body)).build())
                .messageId();
    }
}
