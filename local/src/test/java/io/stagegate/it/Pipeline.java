package io.stagegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.local.LocalRuntime;
import io.stagegate.wiring.Wiring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The whole local pipeline for end-to-end tests: real handlers behind the HTTP API stand-in, SQS
 * pollers, the event bus and schedules (fired by hand), on free loopback ports, with a clock the
 * test moves. One per test class.
 */
final class Pipeline implements AutoCloseable {

    final MutableClock clock;
    final LocalRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Pipeline(Instant start) {
        this.clock = new MutableClock(start);
        this.runtime = LocalRuntime.stagegate(null)
                .anyFreePorts()
                .clock(clock)
                .retryDelay(Duration.ZERO)
                .runSchedules(false) // sweeps run when a test fires them, at the time it set
                .start();
    }

    record Response(int status, JsonNode body) {
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private URI uri(String path) {
        return URI.create(runtime.httpEndpoint().toString().replaceAll("/$", "") + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode lead(String leadId) {
        Response r = get("/v1/leads/" + leadId);
        if (r.status() != 200) {
            throw new AssertionError("GET lead " + leadId + " → " + r.status() + " " + r.body());
        }
        return r.body();
    }

    List<JsonNode> transitions(String leadId) {
        List<JsonNode> out = new ArrayList<>();
        get("/v1/leads/" + leadId + "/transitions").body().path("transitions").forEach(out::add);
        return out;
    }

    Response action(String leadId, Map<String, Object> action) {
        return post("/v1/leads/" + leadId + "/actions", Json.write(action));
    }

    /** Messages waiting on a team's sales queue (removed from the queue). */
    List<JsonNode> salesMessages(String team) {
        List<JsonNode> out = new ArrayList<>();
        for (String body : runtime.standIns().receiveBodies(Wiring.salesQueue(team).name(), 10, 1)) {
            try {
                out.add(Json.MAPPER.readTree(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Posts a form; asserts 202; returns the lead id. */
    String submit(String json) {
        Response r = post("/v1/submissions", json);
        if (r.status() != 202) {
            throw new AssertionError("submission → " + r.status() + " " + r.body());
        }
        return r.body().path("leadId").asText();
    }

    /** Posts engagement signals of one type (page_view with paths, content_view with assets). */
    void signals(String email, String type, String... pathsOrAssets) {
        StringBuilder b = new StringBuilder("[");
        for (String p : pathsOrAssets) {
            b.append(b.length() > 1 ? "," : "").append("{\"signalId\":\"").append(UUID.randomUUID())
                    .append("\",\"email\":\"").append(email).append("\",\"type\":\"").append(type).append("\",\"")
                    .append(p.startsWith("/") ? "path" : "asset").append("\":\"").append(p).append("\"}");
        }
        Response r = post("/v1/signals", b.append("]").toString());
        if (r.status() != 202 || r.body().path("accepted").asInt() != pathsOrAssets.length) {
            throw new AssertionError("signals → " + r.status() + " " + r.body());
        }
    }

    void pageViews(String email, String... paths) {
        signals(email, "page_view", paths);
    }

    JsonNode awaitStage(String leadId, String stage) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lead(leadId).path("stage").asText().equals(stage));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("lead " + leadId + " never reached " + stage + ": " + lead(leadId)
                    + "\ntransitions: " + transitions(leadId), e);
        }
        return lead(leadId);
    }

    /** Waits until the lead has been evaluated after its latest signals, then returns it. */
    JsonNode awaitSettled(String leadId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                runtime.standIns().sqsStandIn().depth(Wiring.SCORING_QUEUE.name()) == 0
                        && runtime.standIns().sqsStandIn().depth(Wiring.STAGE_EVALUATION_QUEUE.name()) == 0
                        && runtime.standIns().sqsStandIn().depth(Wiring.ROUTING_QUEUE.name()) == 0);
        return lead(leadId);
    }

    /** The first message on a team's queue for this lead and stage (others read are kept aside). */
    JsonNode awaitRouted(String team, String leadId, String stage) {
        List<JsonNode> seen = received.computeIfAbsent(team, t -> new ArrayList<>());
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                seen.addAll(salesMessages(team));
                return seen.stream().anyMatch(m -> m.path("leadId").asText().equals(leadId) && m.path("stage").asText().equals(stage));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + stage + " message for " + leadId + " on " + team + "; lead: " + lead(leadId), e);
        }
        return seen.stream().filter(m -> m.path("leadId").asText().equals(leadId) && m.path("stage").asText().equals(stage))
                .findFirst().orElseThrow();
    }

    /** Every message received so far on a team's queue for a lead (drains the queue first). */
    List<JsonNode> routedTo(String team, String leadId) {
        List<JsonNode> seen = received.computeIfAbsent(team, t -> new ArrayList<>());
        seen.addAll(salesMessages(team));
        return seen.stream().filter(m -> m.path("leadId").asText().equals(leadId)).toList();
    }

    private final Map<String, List<JsonNode>> received = new java.util.concurrent.ConcurrentHashMap<>();

    static String email(String who, String domain) {
        return who + "." + UUID.randomUUID().toString().substring(0, 6) + "@" + domain;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
