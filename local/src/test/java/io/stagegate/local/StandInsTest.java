package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.wiring.Wiring;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class StandInsTest {

    @Test
    void theSharedStandInsAreStartedOncePerJvmAndHandOutWorkingClients() {
        StandIns aws = StandIns.shared();

        assertThat(StandIns.shared()).isSameAs(aws);
        assertThat(aws.dynamoDb().listTables().tableNames()).isNotNull();
        assertThat(aws.sqs().listQueues().queueUrls()).contains(aws.queueUrl(Wiring.SCORING_QUEUE.name()));
        assertThat(aws.environment()).containsKeys(Wiring.Env.TABLE_NAME, Wiring.Env.SCORING_QUEUE_URL,
                Wiring.Env.DYNAMODB_ENDPOINT, Wiring.Env.SQS_ENDPOINT, Wiring.Env.EVENTBRIDGE_ENDPOINT);
    }

    @Test
    void purgeEmptiesTheQueuesAndReceiveTakesMessagesByQueueName() {
        StandIns aws = StandIns.shared();
        aws.createSalesQueues(List.of("cloud"));
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("stagegate-sales-cloud")).messageBody("stale"));
        aws.purgeQueues();
        aws.eventBridge().putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(Wiring.EVENT_BUS_NAME)
                .source(Wiring.EVENT_SOURCE).detailType(Wiring.DetailType.SALES_ACTION_RECORDED)
                .detail("{\"leadId\":\"l9\"}").build()));

        assertThat(aws.receiveBodies("stagegate-sales-cloud", 10, 0)).isEmpty();
        assertThat(aws.receiveBodies(Wiring.STAGE_EVALUATION_QUEUE.name(), 10, 2))
                .singleElement().asString().contains("\"leadId\":\"l9\"", "sales.action-recorded");
        assertThat(aws.eventBridgeStandIn().events()).hasSize(1);
    }
}
