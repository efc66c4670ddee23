package io.stagegate.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.aws.LeadStore;
import io.stagegate.local.TableSchema;
import io.stagegate.intake.IntakeHandler;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.StandIns;
import io.stagegate.model.LeadModelLoader;
import io.stagegate.reporting.ReportsHandler;
import io.stagegate.routing.RoutingHandler;
import io.stagegate.sales.LeadsHandler;
import io.stagegate.scoring.ScoringHandler;
import io.stagegate.sla.RecycleSweepHandler;
import io.stagegate.sla.SlaExpiryHandler;
import io.stagegate.stages.StageEvaluationHandler;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handler fed its sample event from {@code events/}, in pipeline order, against the
 * stand-ins: the samples stay true to what the handlers accept and answer.
 */
class SampleEventsTest {

    @Test
    @DisplayName("each handler accepts its sample event, and together they move the sample lead to SALES_ACCEPTED")
    void everySampleEventDrivesItsHandler() {
        StandIns aws = StandIns.shared();
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        aws.createSalesQueues(LeadModelLoader.loadDefault().routing().teams().keySet());
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        LeadStore store = new LeadStore(aws.dynamoDb(), Wiring.TABLE_NAME, 180);

        APIGatewayV2HTTPResponse submitted = new IntakeHandler(aws.environmentFor(Wiring.INTAKE), clock)
                .handleRequest(Events.http("submission-demo-request.json"), null);
        assertThat(submitted.getStatusCode()).isEqualTo(202);
        String leadId = LeadIds.fromEmail("dana.soc@northbank.example");
        assertThat(submitted.getBody()).contains(leadId);
        assertThat(new IntakeHandler(aws.environmentFor(Wiring.INTAKE), clock)
                .handleRequest(Events.http("signals-batch.json"), null).getBody()).contains("\"accepted\":2");

        SQSBatchResponse scored = new ScoringHandler(aws.environmentFor(Wiring.SCORING), clock)
                .handleRequest(Events.read("sqs-scoring.json", SQSEvent.class, leadId), null);
        assertThat(scored.getBatchItemFailures()).isEmpty();
        assertThat(store.load(leadId).orElseThrow().lead().scores().fit()).isPositive();

        SQSBatchResponse evaluated = new StageEvaluationHandler(aws.environmentFor(Wiring.STAGE_EVALUATION), clock)
                .handleRequest(Events.read("sqs-stage-evaluation.json", SQSEvent.class, leadId), null);
        assertThat(evaluated.getBatchItemFailures()).isEmpty();
        assertThat(store.load(leadId).orElseThrow().lead().stage().name()).isEqualTo("MARKETING_QUALIFIED");

        SQSBatchResponse routed = new RoutingHandler(aws.environmentFor(Wiring.ROUTING), clock)
                .handleRequest(Events.read("sqs-routing.json", SQSEvent.class, leadId), null);
        assertThat(routed.getBatchItemFailures()).isEmpty();
        assertThat(aws.receiveBodies(Wiring.salesQueue("sdr").name(), 10, 2))
                .anySatisfy(body -> assertThat(body).contains(leadId, "\"transitionId\":\"" + leadId + ":2\""));

        LeadsHandler leads = new LeadsHandler(aws.environmentFor(Wiring.LEADS), clock);
        APIGatewayV2HTTPResponse got = leads.handleRequest(Events.read("get-lead.json", APIGatewayV2HTTPEvent.class, leadId), null);
        assertThat(got.getStatusCode()).isEqualTo(200);
        assertThat(Json.read(got.getBody(), JsonNode.class).path("owner").asText()).isNotBlank();
        APIGatewayV2HTTPResponse accepted = leads.handleRequest(
                Events.read("post-action-accept.json", APIGatewayV2HTTPEvent.class, leadId), null);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(200);
        assertThat(Json.read(accepted.getBody(), JsonNode.class).path("stage").asText()).isEqualTo("SALES_ACCEPTED");

        APIGatewayV2HTTPResponse funnel = new ReportsHandler(aws.environmentFor(Wiring.REPORTS), clock)
                .handleRequest(Events.read("get-report-funnel.json", APIGatewayV2HTTPEvent.class, leadId), null);
        assertThat(funnel.getStatusCode()).isEqualTo(200);
        assertThat(Json.read(funnel.getBody(), JsonNode.class).path("stages").path("SALES_ACCEPTED").path("entered").asLong())
                .isGreaterThanOrEqualTo(1);

        Map<String, Object> sla = new SlaExpiryHandler(aws.environmentFor(Wiring.SLA_EXPIRY), clock)
                .handleRequest(scheduled("scheduled-sla-expiry.json"), null);
        assertThat(sla).containsEntry("breached", 0).containsKey("due");
        Map<String, Object> recycle = new RecycleSweepHandler(aws.environmentFor(Wiring.RECYCLE_SWEEP), clock)
                .handleRequest(scheduled("scheduled-recycle-sweep.json"), null);
        assertThat(recycle).containsEntry("returned", 0);
    }

    /** A schedule event as the Lambda runtime hands it to a {@code Map} input: the JSON as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> scheduled(String name) {
        return Json.read(Events.text(name), Map.class);
    }
}
