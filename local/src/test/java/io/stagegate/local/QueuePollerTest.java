package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagegate.wiring.Wiring;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class QueuePollerTest {
    private static final String QUEUE = Wiring.SCORING_QUEUE.name();
    private static SqsStandIn sqs;

    @BeforeAll
    static void start() {
        sqs = SqsStandIn.start(0);
        sqs.createWiringQueues(List.of());
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @BeforeEach
    void emptyQueues() {
        sqs.purgeAll();
    }

    private static void send(String body) {
        sqs.client().sendMessage(b -> b.queueUrl(sqs.queueUrl(QUEUE)).messageBody(body)
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("test").build())));
    }

    @Test
    void succeededMessagesAreDeletedAndTheHandlerSeesLambdaShapedRecords() {
        TestHandlers.PoisonAwareSqsHandler handler = new TestHandlers.PoisonAwareSqsHandler(Map.of());
        send("one");
        send("two");
        QueuePoller poller = new QueuePoller(LocalFunction.of(Wiring.SCORING, handler), sqs, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            poller.pollOnce();
            return handler.processed.size() == 2;
        });

        assertThat(handler.processed).containsExactlyInAnyOrder("one", "two");
        assertThat(sqs.depth(QUEUE)).isZero();
        assertThat(handler.seen.get(0)).satisfies(record -> {
            assertThat(record.getEventSource()).isEqualTo("aws:sqs");
            assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + QUEUE);
            assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
            assertThat(record.getReceiptHandle()).isNotBlank();
            assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1").containsKey("SentTimestamp");
            assertThat(record.getMessageAttributes().get("kind").getStringValue()).isEqualTo("test");
        });
    }

    @Test
    void aPoisonMessageEndsInTheDlqAfterMaxReceiveCountWhileItsBatchMatesAreProcessedOnce() {
        TestHandlers.PoisonAwareSqsHandler handler = new TestHandlers.PoisonAwareSqsHandler(Map.of());
        send("ok-1");
        send("poison pill");
        send("ok-2");

        try (QueuePoller poller = new QueuePoller(LocalFunction.of(Wiring.SCORING, handler), sqs, Duration.ZERO).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sqs.depth(Wiring.SCORING_QUEUE.dlqName()) == 1);
        }

        List<Message> dead = sqs.receive(Wiring.SCORING_QUEUE.dlqName(), 10, 1);
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison pill"));
        assertThat(handler.processed).containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(handler.seen.stream().filter(m -> m.getBody().contains("poison")))
                .hasSize(Wiring.SCORING_QUEUE.maxReceiveCount());
        assertThat(sqs.depth(QUEUE)).isZero();
    }

    @Test
    void aThrowingHandlerDeletesNothing() {
        send("kept");
        QueuePoller poller = new QueuePoller(LocalFunction.of(Wiring.SCORING,
                (com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object>) (event, context) -> {
                    throw new IllegalStateException("down");
                }), sqs, Duration.ZERO);

        await().atMost(Duration.ofSeconds(10)).until(() -> poller.pollOnce() == 1);

        assertThat(sqs.depth(QUEUE)).isEqualTo(1);
    }
}
