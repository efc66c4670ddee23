package io.stagegate.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.aws.Json;
import io.stagegate.intake.IntakeHandler;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.reporting.ReportsHandler;
import io.stagegate.routing.RoutingHandler;
import io.stagegate.sales.LeadsHandler;
import io.stagegate.scoring.ScoringHandler;
import io.stagegate.sla.RecycleSweepHandler;
import io.stagegate.sla.SlaExpiryHandler;
import io.stagegate.stages.StageEvaluationHandler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Run by {@link LambdaJarSmokeTest} in a fresh JVM whose classpath is the Lambda jar and this test
 * directory only (no JUnit, no AssertJ, no full SDK): every handler, built from the process
 * environment as in Lambda, fed its sample event from {@code events/}. A class the jar pruning
 * removed but a handler needs shows up here as a NoClassDefFoundError and a non-zero exit.
 */
public final class LambdaJarDriver {

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        String email = args[0]; // a lead of its own on stand-ins other tests share
        String leadId = LeadIds.fromEmail(email);

        IntakeHandler intake = new IntakeHandler(env, clock);
        io.stagegate.aws.Priming.primeAll(); // SnapStart's checkpoint hook, from the pruned jar too
        status("intake submission", intake.handleRequest(http("submission-demo-request.json", email), null), 202);
        status("intake urlencoded submission", intake.handleRequest(Events.http("submission-urlencoded.json"), null), 202);
        status("intake signals", intake.handleRequest(http("signals-batch.json", email), null), 202);

        noFailures("scoring", new ScoringHandler(env, clock)
                .handleRequest(Events.read("sqs-scoring.json", SQSEvent.class, leadId), null));
        noFailures("stage evaluation", new StageEvaluationHandler(env, clock)
                .handleRequest(Events.read("sqs-stage-evaluation.json", SQSEvent.class, leadId), null));
        noFailures("routing", new RoutingHandler(env, clock)
                .handleRequest(Events.read("sqs-routing.json", SQSEvent.class, leadId), null));

        LeadsHandler leads = new LeadsHandler(env, clock);
        status("get lead", leads.handleRequest(Events.read("get-lead.json", APIGatewayV2HTTPEvent.class, leadId), null), 200);
        status("accept", leads.handleRequest(Events.read("post-action-accept.json", APIGatewayV2HTTPEvent.class, leadId), null), 200);
        status("transitions", leads.handleRequest(transitionsOf(leadId), null), 200);
        status("funnel report", new ReportsHandler(env, clock)
                .handleRequest(Events.read("get-report-funnel.json", APIGatewayV2HTTPEvent.class, leadId), null), 200);

        System.out.println("sla sweep " + new SlaExpiryHandler(env, clock).handleRequest(scheduled("scheduled-sla-expiry.json"), null));
        System.out.println("recycle sweep " + new RecycleSweepHandler(env, clock).handleRequest(scheduled("scheduled-recycle-sweep.json"), null));
        System.out.println("LAMBDA JAR OK " + leadId);
    }

    private static APIGatewayV2HTTPEvent http(String name, String email) {
        return Json.read(Events.text(name).replace("dana.soc@northbank.example", email), APIGatewayV2HTTPEvent.class);
    }

    private static APIGatewayV2HTTPEvent transitionsOf(String leadId) {
        APIGatewayV2HTTPEvent e = Events.read("get-lead.json", APIGatewayV2HTTPEvent.class, leadId);
        e.setRouteKey("GET /v1/leads/{leadId}/transitions");
        e.setRawPath("/v1/leads/" + leadId + "/transitions");
        return e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scheduled(String name) {
        return Json.read(Events.text(name), Map.class);
    }

    private static void status(String step, APIGatewayV2HTTPResponse response, int expected) {
        System.out.println(step + " " + response.getStatusCode() + " " + response.getBody());
        if (response.getStatusCode() != expected) {
            throw new IllegalStateException(step + ": expected " + expected + ", got " + response.getStatusCode());
        }
    }

    private static void noFailures(String step, SQSBatchResponse response) {
        System.out.println(step + " failures " + response.getBatchItemFailures().size());
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException(step + ": batch item failures " + response.getBatchItemFailures());
        }
    }

    private LambdaJarDriver() {
    }
}
