package io.stagegate.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.local.TableSchema;
import io.stagegate.intake.IntakeHandler;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.StandIns;
import io.stagegate.scoring.ScoringHandler;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring handler's batch behaviour against the stand-ins. */
class ScoringBatchTest {

    @Test
    @DisplayName("a batch with several messages for one lead scores it once and publishes one lead.scored; a poison one fails alone")
    void oneScorePerLeadPerBatch() {
        StandIns aws = StandIns.shared();
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        String email = "batch." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        APIGatewayV2HTTPResponse r = new IntakeHandler(aws.environmentFor(Wiring.INTAKE), Clock.systemUTC())
                .handleRequest(Events.request("POST", "/v1/submissions", "/v1/submissions", "application/json",
                        "{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Acme\"}", Map.of()), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        String leadId = LeadIds.fromEmail(email);
        // new engagement straight to the store: only the batch below scores it
        var store = new io.stagegate.aws.LeadStore(aws.dynamoDb(), Wiring.TABLE_NAME, 180);
        var normaliser = new io.stagegate.intake.domain.Normaliser(io.stagegate.model.LeadModelLoader.loadDefault());
        store.putSignal(leadId, normaliser.signal("pricing-" + UUID.randomUUID(), io.stagegate.lead.domain.SignalType.PAGE_VIEW,
                "/pricing", null, java.time.Instant.now(), null));

        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(message("m-" + i, "{\"leadId\":\"" + leadId + "\",\"causationId\":\"c-" + i + "\"}"));
        }
        records.add(message("m-poison", "not json at all"));
        SQSEvent event = new SQSEvent();
        event.setRecords(records);

        int publishedBefore = scoredEventsFor(aws, leadId);
        SQSBatchResponse response = new ScoringHandler(aws.environmentFor(Wiring.SCORING), Clock.systemUTC())
                .handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-poison");
        assertThat(scoredEventsFor(aws, leadId) - publishedBefore).isEqualTo(1);
    }

    private static int scoredEventsFor(StandIns aws, String leadId) {
        return (int) aws.eventBridgeStandIn().events().stream()
                .filter(e -> e.path("detail-type").asText().equals(Wiring.DetailType.LEAD_SCORED)
                        && e.path("detail").path("leadId").asText().equals(leadId))
                .count();
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setEventSource("aws:sqs");
        return m;
    }
}
