package io.stagegate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.local.LocalRuntime;
import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.stagegate.it.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole local runtime for the reliability tests (one per test class): real handlers behind
 * the HTTP API stand-in, pollers that retry failed messages at once, schedules fired by hand, and
 * raw HTTP so a test can send anything at all.
 */
final class Rig implements AutoCloseable {


    record Response(int status, Map<String, List<String>> headers, String raw) {
        JsonNode json() {
            try {
                return raw == null || raw.isEmpty() ? null : Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw, e);
            }
        }
    }

    final MutableClock clock;
    final LocalRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Rig(Instant start, UnaryOperator<LocalRuntime.Builder> customize) {
        this.clock = new MutableClock(start);
        this.runtime = customize.apply(LocalRuntime.stagegate(null)
                .anyFreePorts()
                .clock(clock)
                .retryDelay(Duration.ZERO)
                .runSchedules(false)).start();
    }

    Rig(Instant start) {
        this(start, b -> b);
    }

    URI uri(String path) {
        return URI.create(runtime.httpEndpoint().toString().replaceAll("/$", "") + path);
    }

    Response send(String method, String path, String contentType, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        if (headers != null) {
            headers.forEach(b::header);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response post(String path, String json) {
        return send("POST", path, "application/json", Map.of(), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Response get(String path) {
        return send("GET", path, null, Map.of(), null);
    }

    JsonNode lead(String leadId) {
        Response r = get("/v1/leads/" + leadId);
        return r.status() == 200 ? r.json() : null;
    }

    List<JsonNode> transitions(String leadId) {
        List<JsonNode> out = new ArrayList<>();
        get("/v1/leads/" + leadId + "/transitions").json().path("transitions").forEach(out::add);
        return out;
    }

    /** Every item of a lead's partition (snapshot, signals, transitions), straight from DynamoDB. */
    List<Map<String, AttributeValue>> partition(String leadId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = runtime.standIns().dynamoDb().query(q -> q.tableName(Wiring.TABLE_NAME)
                    .keyConditionExpression("pk = :pk").consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + leadId)))
                    .exclusiveStartKey(from));
            items.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Lead snapshots in the whole table: lead id → version. */
    Map<String, Long> allLeads() {
        Map<String, Long> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse r = runtime.standIns().dynamoDb().scan(ScanRequest.builder().tableName(Wiring.TABLE_NAME)
                    .filterExpression("sk = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("LEAD")))
                    .exclusiveStartKey(start).build());
            r.items().forEach(i -> out.put(i.get("pk").s().substring("LEAD#".length()), Long.parseLong(i.get("version").n())));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** Messages on a queue by name, received and deleted. */
    List<JsonNode> drain(String queueName, int waitSeconds) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<String> bodies = runtime.standIns().receiveBodies(queueName, 10, waitSeconds);
            if (bodies.isEmpty()) {
                return out;
            }
            for (String b : bodies) {
                try {
                    out.add(Json.MAPPER.readTree(b));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            waitSeconds = 0;
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
