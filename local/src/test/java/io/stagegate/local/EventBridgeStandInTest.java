package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.wiring.Wiring;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.model.Message;

class EventBridgeStandInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SqsStandIn sqs;
    private static EventBridgeStandIn eventBridge;
    private static EventBridgeClient client;

    @BeforeAll
    static void start() {
        sqs = SqsStandIn.start(0);
        sqs.createWiringQueues(List.of());
        eventBridge = EventBridgeStandIn.start(0, sqs, Clock.systemUTC());
        client = AwsClients.eventBridge(eventBridge.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        eventBridge.close();
        sqs.close();
    }

    @BeforeEach
    void emptyQueues() {
        sqs.purgeAll();
        eventBridge.clearEvents();
    }

    private static PutEventsRequestEntry stageChanged(String leadId, String to) {
        return PutEventsRequestEntry.builder()
                .eventBusName(Wiring.EVENT_BUS_NAME)
                .source(Wiring.EVENT_SOURCE)
                .detailType(Wiring.DetailType.LEAD_STAGE_CHANGED)
                .detail("{\"leadId\":\"" + leadId + "\",\"from\":\"MARKETING_ENGAGED\",\"to\":\"" + to + "\"}")
                .build();
    }

    @Test
    void aStageChangeToMarketingQualifiedLandsOnTheRoutingQueueAsTheFullEnvelope() throws Exception {
        PutEventsResponse response = client.putEvents(b -> b.entries(stageChanged("lead-1", "MARKETING_QUALIFIED")));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries()).singleElement().satisfies(e -> assertThat(e.eventId()).isNotBlank());
        List<Message> messages = sqs.receive(Wiring.ROUTING_QUEUE.name(), 10, 2);
        assertThat(messages).hasSize(1);
        JsonNode envelope = JSON.readTree(messages.get(0).body());
        assertThat(envelope.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
        assertThat(envelope.get("version").asText()).isEqualTo("0");
        assertThat(envelope.get("detail-type").asText()).isEqualTo("lead.stage-changed");
        assertThat(envelope.get("source").asText()).isEqualTo("stagegate");
        assertThat(envelope.get("account").asText()).isEqualTo("000000000000");
        assertThat(envelope.get("region").asText()).isEqualTo("us-east-1");
        assertThat(envelope.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(envelope.get("resources").isArray()).isTrue();
        assertThat(envelope.at("/detail/leadId").asText()).isEqualTo("lead-1");
    }

    @Test
    void aStageChangeToSalesAcceptedMatchesNoRuleAndReachesNoQueue() {
        PutEventsResponse response = client.putEvents(b -> b.entries(stageChanged("lead-2", "SALES_ACCEPTED")));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(eventBridge.events()).hasSize(1);
        assertThat(sqs.receive(Wiring.ROUTING_QUEUE.name(), 10, 1)).isEmpty();
        assertThat(sqs.receive(Wiring.STAGE_EVALUATION_QUEUE.name(), 10, 0)).isEmpty();
    }

    @Test
    void aSalesActionEventGoesToStageEvaluation() {
        client.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(Wiring.EVENT_BUS_NAME)
                .source(Wiring.EVENT_SOURCE).detailType(Wiring.DetailType.SALES_ACTION_RECORDED).detail("{\"leadId\":\"l3\"}").build()));

        assertThat(sqs.receive(Wiring.STAGE_EVALUATION_QUEUE.name(), 10, 2)).hasSize(1);
    }

    @Test
    void injectedFailuresAreReportedPerEntryAndThoseEntriesAreNotDelivered() {
        eventBridge.failNextEntries(1);

        PutEventsResponse response = client.putEvents(b -> b.entries(
                stageChanged("lead-4", "MARKETING_QUALIFIED"), stageChanged("lead-5", "SALES_QUALIFIED")));

        assertThat(response.failedEntryCount()).isEqualTo(1);
        assertThat(response.entries().get(0).errorCode()).isEqualTo("InternalFailure");
        assertThat(response.entries().get(0).eventId()).isNull();
        assertThat(response.entries().get(1).eventId()).isNotBlank();
        List<Message> routed = sqs.receive(Wiring.ROUTING_QUEUE.name(), 10, 2);
        assertThat(routed).singleElement().satisfies(m -> assertThat(m.body()).contains("lead-5"));
    }

    @Test
    void malformedDetailAndUnknownBusFailOnlyTheirOwnEntries() {
        PutEventsResponse response = client.putEvents(b -> b.entries(
                PutEventsRequestEntry.builder().eventBusName(Wiring.EVENT_BUS_NAME).source("stagegate")
                        .detailType("lead.scored").detail("not json").build(),
                PutEventsRequestEntry.builder().eventBusName("no-such-bus").source("stagegate")
                        .detailType("lead.scored").detail("{}").build(),
                stageChanged("lead-6", "MARKETING_QUALIFIED")));

        assertThat(response.failedEntryCount()).isEqualTo(2);
        assertThat(response.entries()).extracting(e -> e.errorCode())
                .containsExactly("MalformedDetail", "ResourceNotFoundException", null);
    }
}
