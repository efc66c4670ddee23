package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The whole runtime with test handlers for some functions and the real handler classes for the others. */
class LocalRuntimeTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final AtomicBoolean TABLE_CREATOR_CALLED = new AtomicBoolean();
    private static final TestHandlers.PoisonAwareSqsHandler ROUTING = new TestHandlers.PoisonAwareSqsHandler(Map.of());
    private static final TestHandlers.CountingScheduleHandler SLA =
            new TestHandlers.CountingScheduleHandler(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.builder().anyFreePorts()
                .teams(List.of("cloud", "identity"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retryDelay(Duration.ZERO)
                .runSchedules(false)
                .pollers(2)
                .tableCreator(dynamoDb -> TABLE_CREATOR_CALLED.set(dynamoDb.listTables().tableNames() != null))
                .handler(Wiring.INTAKE.name(), new TestHandlers.EchoHttpHandler(Map.of()))
                .handler(Wiring.ROUTING.name(), ROUTING)
                .handler(Wiring.SLA_EXPIRY.name(), SLA)
                .start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void explicitHandlersReplaceTheirFunctionsAndTheOthersRunTheRealHandlerClasses() {
        assertThat(runtime.functions()).containsOnlyKeys(Wiring.FUNCTIONS.stream().map(Wiring.FunctionDef::name).toArray(String[]::new));
        assertThat(runtime.functions().get(Wiring.ROUTING.name()).handler()).isSameAs(ROUTING);
        assertThat(runtime.functions().get(Wiring.LEADS.name()).handler().getClass().getName())
                .isEqualTo(Wiring.LEADS.handlerClass());
        assertThat(runtime.banner()).contains("stagegate-leads", "stagegate-sales-cloud", "stagegate-routing");
        assertThat(runtime.startupMillis()).isPositive();
        assertThat(TABLE_CREATOR_CALLED).isTrue();
    }

    @Test
    void eachQueueFunctionGetsItsPollersEachWithItsOwnHandlerButAnExplicitInstanceKeepsOne() {
        assertThat(runtime.pollers(Wiring.SCORING.name())).isEqualTo(2);
        assertThat(runtime.pollers(Wiring.STAGE_EVALUATION.name())).isEqualTo(2);
        assertThat(runtime.pollers(Wiring.ROUTING.name())).isEqualTo(1); // one instance cannot be two environments
        assertThat(runtime.pollers(Wiring.INTAKE.name())).isZero();
        assertThat(runtime.banner()).contains("(batch 25), 2 pollers");
    }

    @Test
    void anHttpRequestIsAnsweredByTheFunctionOfItsRoute() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(runtime.httpEndpoint() + "/v1/submissions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"functionName\":\"stagegate-intake\"");
    }

    @Test
    void aPublishedStageChangeIsRoutedThroughEventBridgeAndTheRoutingQueueToTheRoutingHandler() {
        runtime.standIns().eventBridge().putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .eventBusName(Wiring.EVENT_BUS_NAME).source(Wiring.EVENT_SOURCE)
                .detailType(Wiring.DetailType.LEAD_STAGE_CHANGED)
                .detail("{\"leadId\":\"lead-e2e\",\"to\":\"MARKETING_QUALIFIED\"}").build()));

        await().atMost(Duration.ofSeconds(10)).until(() -> ROUTING.processed.stream().anyMatch(b -> b.contains("lead-e2e")));
        assertThat(runtime.standIns().sqsStandIn().depth(Wiring.ROUTING_QUEUE.name())).isZero();
    }

    @Test
    void aScheduleCanBeFiredNowAndCarriesTheInjectedTime() {
        runtime.runScheduleNow(Wiring.SLA_EXPIRY.name());

        assertThat(SLA.events).hasSize(1);
        Map<String, Object> event = SLA.events.get(0);
        assertThat(event).containsEntry("detail-type", "Scheduled Event").containsEntry("source", "aws.events");
        assertThat(Instant.parse((String) event.get("time"))).isEqualTo(NOW);
        assertThat(event.get("resources")).isEqualTo(List.of(
                "arn:aws:events:us-east-1:000000000000:rule/stagegate-sla-expiry-schedule"));
    }

    @Test
    void eachFunctionSeesItsWiringVariablesPointingAtTheStandIns() {
        StandIns aws = runtime.standIns();
        Map<String, String> routing = aws.environmentFor(Wiring.ROUTING);
        String sqs = aws.sqsStandIn().endpoint().toString();

        assertThat(routing).containsEntry(Env.TABLE_NAME, Wiring.TABLE_NAME)
                .containsEntry(Env.EVENT_BUS_NAME, Wiring.EVENT_BUS_NAME)
                .containsEntry(Env.SALES_QUEUE_URL_PREFIX, sqs + "/000000000000/stagegate-sales-")
                .containsEntry(Env.DYNAMODB_ENDPOINT, aws.dynamoDbEndpoint().toString())
                .containsEntry(Env.SQS_ENDPOINT, sqs)
                .containsEntry(Env.EVENTBRIDGE_ENDPOINT, aws.eventBridgeStandIn().endpoint().toString())
                .containsEntry(Env.AWS_REGION, "us-east-1")
                .containsEntry("AWS_ACCESS_KEY_ID", "local")
                .doesNotContainKey(Env.SCORING_QUEUE_URL);
        assertThat(aws.environmentFor(Wiring.INTAKE))
                .containsEntry(Env.SCORING_QUEUE_URL, sqs + "/000000000000/stagegate-scoring");
        assertThat(aws.environmentFor(Wiring.SLA_EXPIRY))
                .containsEntry(Env.ESCALATION_QUEUE_URL, sqs + "/000000000000/stagegate-sales-escalations");
    }

    @Test
    void theReplayPostsEachLineAndCountsStatuses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("submissions.jsonl");
        Files.writeString(file, "{\"email\":\"a@x.example\"}\n\n{\"email\":\"b@x.example\"}\n");

        assertThat(Main.replay(file, runtime.httpEndpoint(), null)).endsWith(": 202×2").startsWith("replayed 2 requests");
    }

    @Test
    void theHandlerConventionPrefersTheClockConstructorAndSkipsMissingClasses() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Wiring.FunctionDef withClock = new Wiring.FunctionDef("t-clock",
                TestHandlers.CountingScheduleHandler.class.getName(), 128, 5, Wiring.SLA_EXPIRY.trigger(), List.of());
        Wiring.FunctionDef mapOnly = new Wiring.FunctionDef("t-map",
                TestHandlers.EchoHttpHandler.class.getName(), 128, 5, Wiring.INTAKE.trigger(), List.of());
        Wiring.FunctionDef missing = new Wiring.FunctionDef("t-missing",
                "io.stagegate.nowhere.NoSuchHandler", 128, 5, Wiring.INTAKE.trigger(), List.of());
        HandlerFactory factory = HandlerFactory.byConvention();

        assertThat(factory.create(withClock, Map.of("K", "V"), clock)).get()
                .isInstanceOfSatisfying(TestHandlers.CountingScheduleHandler.class, h -> assertThat(h.clock).isSameAs(clock));
        assertThat(factory.create(mapOnly, Map.of("K", "V"), clock)).get()
                .isInstanceOfSatisfying(TestHandlers.EchoHttpHandler.class,
                        h -> assertThat(h.environment).containsEntry("K", "V"));
        assertThat(factory.create(missing, Map.of(), clock)).isEmpty();
    }
}
