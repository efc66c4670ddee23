package io.stagegate.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.stagegate.aws.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Loads the sample events of {@code events/} (the same files the README and docs show). */
final class Events {

    private Events() {
    }

    static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("events/ not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("events");
    }

    static String text(String name) {
        try {
            return Files.readString(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static APIGatewayV2HTTPEvent http(String name) {
        return Json.read(text(name), APIGatewayV2HTTPEvent.class);
    }

    /** AWS spells some keys differently from the event classes' setters ({@code Records}, {@code eventSourceARN}). */
    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT = Json.MAPPER.copy()
            .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);

    static <T> T read(String name, Class<T> type, String leadId) {
        try {
            return LENIENT.readValue(text(name).replace("LEAD_ID", leadId), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP API event for a route, as API Gateway would build it. */
    static APIGatewayV2HTTPEvent request(String method, String routeKeyPath, String rawPath, String contentType,
                                         String body, Map<String, String> extraHeaders) {
        APIGatewayV2HTTPEvent e = http("submission-demo-request.json");
        e.setRouteKey(method + " " + routeKeyPath);
        e.setRawPath(rawPath);
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        headers.putAll(extraHeaders);
        e.setHeaders(headers);
        e.getRequestContext().getHttp().setMethod(method);
        e.getRequestContext().getHttp().setPath(rawPath);
        e.setBody(body);
        if (routeKeyPath.contains("{leadId}")) {
            String id = rawPath.split("/")[3];
            e.setPathParameters(Map.of("leadId", id));
        }
        return e;
    }
}
