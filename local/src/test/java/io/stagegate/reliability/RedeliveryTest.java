package io.stagegate.reliability;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.aws.AwsClients;
import io.stagegate.aws.Json;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At-least-once delivery: every message type delivered twice more changes nothing, and a handler
 * "killed" between its DynamoDB write and its publish (the publish fails, the message comes back)
 * publishes exactly what it wrote on redelivery; routing re-sends the notification with the same
 * transition id and never assigns twice.
 */
class RedeliveryTest {

    static final Faults faults = new Faults(1L);
    static Rig rig;

    @BeforeAll
    static void start() {
        AwsClients.addInterceptor(faults);
        rig = new Rig(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @AfterAll
    static void stop() {
        AwsClients.removeInterceptor(faults);
        rig.close();
    }

    static String motionA(String email) {
        return "{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Northbank\",\"jobTitle\":\"CISO\","
                + "\"country\":\"US\",\"industry\":\"Financial Services\",\"companySize\":4200,\"asset\":\"detections-overview\"}";
    }

    static String signals(String email, String prefix) {
        return "[{\"signalId\":\"" + prefix + "-1\",\"email\":\"" + email + "\",\"type\":\"page_view\",\"path\":\"/platform/detections\"},"
                + "{\"signalId\":\"" + prefix + "-2\",\"email\":\"" + email + "\",\"type\":\"page_view\",\"path\":\"/platform/integrations\"}]";
    }

    static String newLeadToMql(String prefix) {
        String email = prefix + "." + UUID.randomUUID().toString().substring(0, 6) + "@northbank.example";
        Rig.Response r = rig.post("/v1/submissions", motionA(email));
        assertThat(r.status()).isEqualTo(202);
        String leadId = r.json().path("leadId").asText();
        assertThat(rig.post("/v1/signals", signals(email, prefix)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode lead = rig.lead(leadId);
            return "MARKETING_QUALIFIED".equals(lead.path("stage").asText()) && lead.hasNonNull("owner");
        });
        awaitQuiet();
        return leadId;
    }

    static void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                List.of(Wiring.SCORING_QUEUE, Wiring.STAGE_EVALUATION_QUEUE, Wiring.ROUTING_QUEUE).stream()
                        .allMatch(q -> rig.runtime.standIns().sqsStandIn().depth(q.name()) == 0));
    }

    static List<JsonNode> busEvents(String leadId, String detailType) {
        return rig.runtime.standIns().eventBridgeStandIn().events().stream()
                .filter(e -> detailType.equals(e.path("detail-type").asText()) && leadId.equals(e.path("detail").path("leadId").asText()))
                .toList();
    }

    static List<JsonNode> notifications(String leadId) {
        List<JsonNode> out = new ArrayList<>();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(10)).until(() -> {
            rig.drain(Wiring.salesQueue("sdr").name(), 0).stream().filter(m -> leadId.equals(m.path("leadId").asText())).forEach(out::add);
            return true;
        });
        return out;
    }

    static Set<String> partitionKeys(String leadId) {
        return rig.partition(leadId).stream().map(i -> i.get("sk").s()).collect(Collectors.toSet());
    }

    static JsonNode viewWithoutVersion(String leadId) {
        ObjectNode v = (ObjectNode) rig.lead(leadId);
        v.remove("version");
        return v;
    }

    @Test
    void everyMessageTypeDeliveredTwiceMoreChangesNothing() {
        String email = "twice." + UUID.randomUUID().toString().substring(0, 6) + "@northbank.example";
        Rig.Response created = rig.post("/v1/submissions", motionA(email));
        String leadId = created.json().path("leadId").asText();
        assertThat(rig.post("/v1/signals", signals(email, "tw")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> rig.lead(leadId).hasNonNull("owner"));
        awaitQuiet();
        List<JsonNode> first = notifications(leadId);
        assertThat(first).hasSize(1);

        List<JsonNode> history = Guarantees.assertCleanHistory(rig, leadId);
        JsonNode view = viewWithoutVersion(leadId);
        Set<String> keys = partitionKeys(leadId);
        String owner = rig.lead(leadId).path("owner").asText();
        List<JsonNode> scored = busEvents(leadId, Wiring.DetailType.LEAD_SCORED);
        List<JsonNode> changed = busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED);
        assertThat(changed).hasSize(2);

        // the HTTP "messages": the same form and the same signal batch, twice each
        for (int i = 0; i < 2; i++) {
            assertThat(rig.post("/v1/submissions", motionA(email)).json().path("duplicate").asBoolean()).isTrue();
            assertThat(rig.post("/v1/signals", signals(email, "tw")).json().path("duplicates").asInt()).isEqualTo(2);
        }
        // every queue message type, twice each: scoring request, lead.scored, lead.stage-changed
        var sqs = rig.runtime.standIns().sqs();
        for (int i = 0; i < 2; i++) {
            sqs.sendMessage(b -> b.queueUrl(rig.runtime.standIns().queueUrl(Wiring.SCORING_QUEUE.name()))
                    .messageBody(Json.write(Map.of("leadId", leadId, "causationId", "redelivered"))));
            for (JsonNode e : scored) {
                sqs.sendMessage(b -> b.queueUrl(rig.runtime.standIns().queueUrl(Wiring.STAGE_EVALUATION_QUEUE.name())).messageBody(e.toString()));
            }
            for (JsonNode e : changed) {
                sqs.sendMessage(b -> b.queueUrl(rig.runtime.standIns().queueUrl(Wiring.ROUTING_QUEUE.name())).messageBody(e.toString()));
            }
        }
        awaitQuiet();

        assertThat(rig.transitions(leadId)).isEqualTo(history);
        assertThat(partitionKeys(leadId)).isEqualTo(keys);
        assertThat(viewWithoutVersion(leadId)).isEqualTo(view);
        assertThat(rig.lead(leadId).path("owner").asText()).isEqualTo(owner);
        // re-sent notifications carry the MQL transition id and the same owner: consumers dedupe them
        for (JsonNode m : notifications(leadId)) {
            assertThat(m.path("transitionId").asText()).isEqualTo(first.get(0).path("transitionId").asText());
            assertThat(m.path("owner").asText()).isEqualTo(owner);
        }
        // no new transitions were published
        Set<String> ids = busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED).stream()
                .map(e -> e.path("detail").path("transitionId").asText()).collect(Collectors.toSet());
        assertThat(ids).hasSize(2);
    }

    @Test
    void stageEvaluationKilledBetweenWriteAndPublishPublishesOnRedelivery() {
        // every attempt of the next stage-changed publish fails: the handler fails after its writes
        faults.failNext(3, (op, request) -> request instanceof PutEventsRequest put
                && put.entries().stream().anyMatch(e -> Wiring.DetailType.LEAD_STAGE_CHANGED.equals(e.detailType())));
        String leadId = newLeadToMql("killed-stage");
        assertThat(faults.targetedLeft()).isZero();
        List<JsonNode> history = Guarantees.assertCleanHistory(rig, leadId);
        assertThat(Guarantees.stages(history)).containsExactly("MARKETING_ENGAGED", "MARKETING_QUALIFIED");
        Set<String> published = new HashSet<>();
        busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED).forEach(e -> published.add(e.path("detail").path("transitionId").asText()));
        assertThat(published).containsExactlyInAnyOrderElementsOf(history.stream().map(t -> t.path("transitionId").asText()).toList());
        List<JsonNode> sent = notifications(leadId);
        assertThat(sent).extracting(m -> m.path("transitionId").asText()).containsOnly(history.get(1).path("transitionId").asText());
        assertThat(sent).isNotEmpty();
    }

    @Test
    void scoringKilledBetweenTheSnapshotAndBothLogWritesRepairsAndPublishesBothSteps() {
        // the page views move the lead two steps in one snapshot write that carries both; every
        // attempt of the first log write fails, so the handler dies with neither step in the log
        faults.failNext(3, (op, request) -> request instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put
                && "TR#000001".equals(put.item().get("sk").s()));
        String leadId = newLeadToMql("killed-log");
        assertThat(faults.targetedLeft()).isZero();
        // the redelivery's load wrote both log entries from the snapshot, found them by causation and published them
        List<JsonNode> history = Guarantees.assertCleanHistory(rig, leadId);
        assertThat(Guarantees.stages(history)).containsExactly("MARKETING_ENGAGED", "MARKETING_QUALIFIED");
        assertThat(history.get(0).path("rule").asText()).isNotBlank();
        List<String> published = busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED).stream()
                .map(e -> e.path("detail").path("transitionId").asText()).toList();
        assertThat(published).containsExactlyInAnyOrderElementsOf(history.stream().map(t -> t.path("transitionId").asText()).toList());
        List<JsonNode> sent = notifications(leadId);
        assertThat(sent).extracting(m -> m.path("transitionId").asText()).containsExactly(history.get(1).path("transitionId").asText());
    }

    @Test
    void routingKilledBetweenAssignmentAndNotificationResendsWithTheSameTransitionId() {
        long rotationBefore = rotationVersion(NA_SDR_ROTATION);
        faults.failNext(3, (op, request) -> request instanceof SendMessageRequest send
                && send.queueUrl().contains(Wiring.salesQueue("sdr").name()));
        String leadId = newLeadToMql("killed-routing");
        assertThat(faults.targetedLeft()).isZero();
        List<JsonNode> history = Guarantees.assertCleanHistory(rig, leadId);
        List<JsonNode> sent = notifications(leadId);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("transitionId").asText()).isEqualTo(history.get(1).path("transitionId").asText());
        assertThat(sent.get(0).path("owner").asText()).isEqualTo(rig.lead(leadId).path("owner").asText());
        assertThat(sent.get(0).path("reasons").toString()).contains("re-sent after redelivery");
        // assigned once: the team's rotation moved exactly one turn
        assertThat(rotationVersion(NA_SDR_ROTATION)).isEqualTo(rotationBefore + 1);
    }

    /** US leads rotate among the SDRs of territory NA (each territory rotates on its own). */
    static final String NA_SDR_ROTATION = "sdr/territory:NA";

    static long rotationVersion(String rotationKey) {
        var item = rig.runtime.standIns().dynamoDb().getItem(b -> b.tableName(Wiring.TABLE_NAME).consistentRead(true)
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ROTATION"),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TEAM#" + rotationKey)))).item();
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("version").n());
    }

    @Test
    void aRedeliveryGroupedDifferentlyStillFindsItsTransitions() {
        // the first delivery [e1, e2] records the transitions with causation e2 and dies before
        // publishing; the redelivery comes as [e2, e1]: it must publish them, not lose them
        String email = "regroup." + UUID.randomUUID().toString().substring(0, 6) + "@northbank.example";
        String leadId = rig.post("/v1/submissions", motionA(email)).json().path("leadId").asText();
        awaitQuiet();
        // the envelope of an event that asks stage evaluation to look at the lead (a sales action)
        JsonNode template = Json.read("{\"version\":\"0\",\"id\":\"t\",\"detail-type\":\""
                + Wiring.DetailType.SALES_ACTION_RECORDED + "\",\"source\":\"" + Wiring.EVENT_SOURCE
                + "\",\"detail\":{\"leadId\":\"" + leadId + "\",\"action\":\"record_outreach\"}}", JsonNode.class);
        int publishedBefore = busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED).size();
        int historyBefore = rig.transitions(leadId).size();
        // the page views go straight to the store: only the crafted batches below evaluate them
        var store = new io.stagegate.aws.LeadStore(rig.runtime.standIns().dynamoDb(), Wiring.TABLE_NAME, 90);
        var normaliser = new io.stagegate.intake.domain.Normaliser(io.stagegate.model.LeadModelLoader.loadDefault());
        for (String path : List.of("/platform/detections", "/platform/integrations")) {
            store.putSignal(leadId, normaliser.signal("rg-" + path.length(), io.stagegate.lead.domain.SignalType.PAGE_VIEW,
                    path, null, rig.clock.instant(), null));
        }
        faults.failNext(3, (op, request) -> request instanceof PutEventsRequest put
                && put.entries().stream().anyMatch(e -> Wiring.DetailType.LEAD_STAGE_CHANGED.equals(e.detailType())));
        var stageEvaluation = rig.runtime.functions().get(Wiring.STAGE_EVALUATION.name());
        SQSBatchResponse failed = (SQSBatchResponse) stageEvaluation.invoke(batch(template, "e1", "e2"));
        assertThat(failed.getBatchItemFailures()).hasSize(2);
        List<JsonNode> history = Guarantees.assertCleanHistory(rig, leadId);
        assertThat(history.size()).isGreaterThan(historyBefore);
        assertThat(busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED)).hasSize(publishedBefore);

        SQSBatchResponse ok = (SQSBatchResponse) stageEvaluation.invoke(batch(template, "e2", "e1"));
        assertThat(ok.getBatchItemFailures()).isEmpty();
        Set<String> published = busEvents(leadId, Wiring.DetailType.LEAD_STAGE_CHANGED).stream()
                .map(e -> e.path("detail").path("transitionId").asText()).collect(Collectors.toSet());
        assertThat(published).containsExactlyInAnyOrderElementsOf(history.stream().map(t -> t.path("transitionId").asText()).toList());
        assertThat(rig.transitions(leadId)).isEqualTo(history);
        awaitQuiet();
    }

    static SQSEvent batch(JsonNode template, String... ids) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String id : ids) {
            ObjectNode e = template.deepCopy();
            e.put("id", id);
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("msg-" + id);
            m.setBody(e.toString());
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
