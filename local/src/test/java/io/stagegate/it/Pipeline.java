package io.stagegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.aws.TableSchema;
import io.stagegate.local.LocalRuntime;
import io.stagegate.model.LeadModelLoader;
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
        List<String> teams = new ArrayList<>(LeadModelLoader.loadDefault().routing().teams().keySet());
        this.runtime = LocalRuntime.builder()
                .anyFreePorts()
                .teams(teams)
                .clock(clock)
                .retryDelay(Duration.ZERO)
                .tableCreator(dynamo -> TableSchema.createIfMissing(dynamo, Wiring.TABLE_NAME))
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

    @Override
    public void close() {
        runtime.close();
    }
}
