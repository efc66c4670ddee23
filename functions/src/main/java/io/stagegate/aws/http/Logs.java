package io.stagegate.aws.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stagegate.aws.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One structured JSON log line per request or message, with a correlation id. Never logs bodies:
 * they carry emails, names and phones.
 */
public final class Logs {

    private static final java.util.regex.Pattern CORRELATION_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private Logs() {
    }

    public static APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent event, Context context,
                                                Supplier<APIGatewayV2HTTPResponse> handler) {
        long start = System.nanoTime();
        String correlationId = correlationId(event, context);
        APIGatewayV2HTTPResponse response;
        String error = null;
        try {
            response = handler.get();
        } catch (ApiException e) {
            response = Http.error(e);
            error = e.code();
        } catch (RuntimeException e) {
            response = Http.error(500, "INTERNAL", "something failed on our side; retry with the same Idempotency-Key", null);
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("level", response.getStatusCode() >= 500 ? "ERROR" : "INFO");
        line.put("correlationId", correlationId);
        line.put("route", Http.routeKey(event));
        line.put("status", response.getStatusCode());
        line.put("ms", (System.nanoTime() - start) / 1_000_000);
        if (error != null) {
            line.put("error", error);
        }
        log(line);
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.put("x-correlation-id", correlationId);
        response.setHeaders(headers);
        return response;
    }

    public static String correlationId(APIGatewayV2HTTPEvent event, Context context) {
        String given = Http.header(event, "x-correlation-id");
        if (given != null && CORRELATION_ID.matcher(given).matches()) {
            return given;
        }
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    }

    public static void log(Map<String, Object> line) {
        System.out.println(Json.write(line));
    }
}
