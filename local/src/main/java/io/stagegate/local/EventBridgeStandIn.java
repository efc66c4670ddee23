package io.stagegate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.RuleDef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * EventBridge stand-in: a loopback HTTP server speaking enough of the EventBridge JSON protocol
 * ({@code AWSEvents.PutEvents}, {@code application/x-amz-json-1.1}) for the real
 * {@code EventBridgeClient}. Each entry becomes the EventBridge envelope, is matched against every
 * {@link Wiring#RULES} pattern with AWS's own event-ruler, and each match is sent to the rule's
 * target queue with the whole envelope as body, as an EventBridge → SQS target does.
 */
public final class EventBridgeStandIn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeStandIn.class);
    private static final String AMZ_JSON = "application/x-amz-json-1.1";
    private static final String DEFAULT_BUS = "default";
    private static final int KEPT_EVENTS = 10_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Machine machine = new Machine();
    private final Map<String, RuleDef> rules;
    private final SqsStandIn sqs;
    private final Clock clock;
    private final AtomicInteger failNext = new AtomicInteger();
    private final Deque<JsonNode> accepted = new ConcurrentLinkedDeque<>();
    /** accepted's size: ConcurrentLinkedDeque.size() walks every node, 10,000 of them per event once full. */
    private final AtomicInteger acceptedCount = new AtomicInteger();

    private EventBridgeStandIn(HttpServer server, SqsStandIn sqs, Clock clock) {
        this.server = server;
        this.sqs = sqs;
        this.clock = clock;
        this.rules = Wiring.RULES.stream().collect(Collectors.toMap(RuleDef::name, Function.identity()));
        for (RuleDef rule : Wiring.RULES) {
            try {
                machine.addRule(rule.name(), rule.pattern());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("rule " + rule.name() + " has an invalid pattern: " + rule.pattern(), e);
            }
        }
        this.executor = Executors.newFixedThreadPool(4, Threads.daemon("eventbridge-http"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param port  0 for any free port
     * @param sqs   where the rule targets (queues) live
     * @param clock the event time when an entry has none
     */
    public static EventBridgeStandIn start(int port, SqsStandIn sqs, Clock clock) {
        return new EventBridgeStandIn(Ports.httpServer(port, "--eventbridge-port", "EventBridge stand-in"), sqs, clock);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return Ports.url(port());
    }

    /**
     * Test hook: the next {@code entries} entries fail with {@code InternalFailure} (counted in
     * FailedEntryCount, not delivered), so publishers' retry of failed entries can be tested.
     */
    public void failNextEntries(int entries) {
        failNext.set(entries);
    }

    /** Envelopes of the accepted events, oldest first (the last 10,000), matched or not. */
    public List<JsonNode> events() {
        return new ArrayList<>(accepted);
    }

    public void clearEvents() {
        for (JsonNode e = accepted.pollFirst(); e != null; e = accepted.pollFirst()) {
            acceptedCount.decrementAndGet();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
                sendAwsError(exchange, 400, "UnknownOperationException",
                        "the local EventBridge stand-in implements only AWSEvents.PutEvents, not " + target);
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = HttpExchanges.JSON.readTree(in);
            } catch (IOException e) {
                sendAwsError(exchange, 400, "SerializationException", "request body is not JSON");
                return;
            }
            JsonNode entries = request == null ? null : request.get("Entries");
            if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 10) {
                sendAwsError(exchange, 400, "ValidationException", "Entries must hold 1 to 10 entries");
                return;
            }
            ObjectNode response = HttpExchanges.JSON.createObjectNode();
            ArrayNode results = HttpExchanges.JSON.createArrayNode();
            int failed = 0;
            for (JsonNode entry : entries) {
                ObjectNode result = putEvent(entry);
                if (result.has("ErrorCode")) {
                    failed++;
                }
                results.add(result);
            }
            response.put("FailedEntryCount", failed);
            response.set("Entries", results);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            HttpExchanges.send(exchange, 200, AMZ_JSON, HttpExchanges.JSON.writeValueAsBytes(response));
        } catch (RuntimeException e) {
            LOG.error("PutEvents failed", e);
            sendAwsError(exchange, 500, "InternalException", e.toString());
        } finally {
            exchange.close();
        }
    }

    private ObjectNode putEvent(JsonNode entry) {
        ObjectNode result = HttpExchanges.JSON.createObjectNode();
        String source = text(entry, "Source");
        String detailType = text(entry, "DetailType");
        String detailText = text(entry, "Detail");
        String bus = text(entry, "EventBusName");
        bus = bus == null || bus.isEmpty() ? DEFAULT_BUS : bus.substring(bus.lastIndexOf('/') + 1);
        if (source == null || detailType == null || detailText == null) {
            return error(result, "InvalidArgument", "Parameters Source, DetailType and Detail are required.");
        }
        JsonNode detail;
        try {
            detail = HttpExchanges.JSON.readTree(detailText);
        } catch (IOException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return error(result, "MalformedDetail", "Detail is malformed.");
        }
        if (!bus.equals(Wiring.EVENT_BUS_NAME) && !bus.equals(DEFAULT_BUS)) {
            return error(result, "ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(result, "InternalFailure", "injected failure (local stand-in test hook)");
        }

        String id = UUID.randomUUID().toString();
        ObjectNode envelope = HttpExchanges.JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", AwsClients.ACCOUNT_ID);
        envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(eventTime(entry).truncatedTo(ChronoUnit.SECONDS)));
        envelope.put("region", AwsClients.REGION.id());
        ArrayNode resources = envelope.putArray("resources");
        if (entry.get("Resources") != null) {
            entry.get("Resources").forEach(resources::add);
        }
        envelope.set("detail", detail);
        remember(envelope);
        if (bus.equals(DEFAULT_BUS)) {
            LOG.warn("event {} / {} was put on the default bus, which has no rules; publish to {}",
                    source, detailType, Wiring.EVENT_BUS_NAME);
        } else {
            deliver(envelope);
        }
        result.put("EventId", id);
        return result;
    }

    private void deliver(ObjectNode envelope) {
        String json = envelope.toString();
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(json);
        } catch (Exception e) {
            LOG.error("event-ruler could not match event {}: {}", envelope.get("id"), e.toString());
            return;
        }
        for (String ruleName : matched) {
            RuleDef rule = rules.get(ruleName);
            String queueName = rule.target().name();
            try {
                String queueUrl = sqs.queueUrl(queueName);
                sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(json));
                LOG.debug("event {} matched {} → {}", envelope.get("id").asText(), ruleName, queueName);
            } catch (RuntimeException e) {
                LOG.error("rule {} matched event {} but its target queue {} is unknown or unreachable: {}",
                        ruleName, envelope.get("id").asText(), queueName, e.toString());
            }
        }
    }

    private Instant eventTime(JsonNode entry) {
        JsonNode time = entry.get("Time");
        if (time != null && time.isNumber()) {
            return Instant.ofEpochMilli(Math.round(time.asDouble() * 1000));
        }
        return clock.instant();
    }

    private void remember(JsonNode envelope) {
        accepted.addLast(envelope);
        acceptedCount.incrementAndGet();
        while (acceptedCount.get() > KEPT_EVENTS && accepted.pollFirst() != null) {
            acceptedCount.decrementAndGet();
        }
    }

    private static ObjectNode error(ObjectNode result, String code, String message) {
        result.put("ErrorCode", code);
        result.put("ErrorMessage", message);
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void sendAwsError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = HttpExchanges.JSON.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        HttpExchanges.send(exchange, status, AMZ_JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
