package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.wiring.Wiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsStandInTest {
    private static SqsStandIn sqs;

    @BeforeAll
    static void start() {
        sqs = SqsStandIn.start(0);
        sqs.createWiringQueues(List.of("cloud", "endpoint"));
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void everyWiringQueueAndEveryTeamSalesQueueExistsWithItsDlqRedrivePolicyAndVisibilityTimeout() {
        assertThat(sqs.queueNames()).contains(Wiring.SCORING_QUEUE.name(), Wiring.ROUTING_QUEUE.name(),
                "stagegate-sales-cloud", "stagegate-sales-endpoint");
        for (Wiring.QueueDef queue : List.of(Wiring.SCORING_QUEUE, Wiring.STAGE_EVALUATION_QUEUE,
                Wiring.ROUTING_QUEUE, Wiring.ESCALATION_QUEUE, Wiring.salesQueue("cloud"))) {
            Map<QueueAttributeName, String> attributes = sqs.client().getQueueAttributes(b -> b
                    .queueUrl(sqs.queueUrl(queue.name())).attributeNames(QueueAttributeName.ALL)).attributes();

            assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .isEqualTo(Integer.toString(queue.visibilityTimeoutSeconds()));
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains("arn:aws:sqs:us-east-1:000000000000:" + queue.dlqName())
                    .contains("maxReceiveCount").contains(Integer.toString(queue.maxReceiveCount()));
        }
    }

    @Test
    void queueUrlsAreLoopbackUrlsWithTheAccountIdAndTheSalesPrefixEndsWithTheTeamPrefix() {
        String base = "http://127.0.0.1:" + sqs.port() + "/000000000000/";
        assertThat(sqs.queueUrl(Wiring.SCORING_QUEUE.name())).isEqualTo(base + "stagegate-scoring");
        assertThat(sqs.salesQueueUrlPrefix() + "cloud").isEqualTo(sqs.queueUrl("stagegate-sales-cloud"));
    }
}
