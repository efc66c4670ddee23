package io.stagegate.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stagegate.aws.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading HTTP API (v2) events and writing responses in the API.md shapes. */
public final class Http {

    private Http() {
    }

    public static String header(APIGatewayV2HTTPEvent e, String name) {
        if (e.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : e.getHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    public static String method(APIGatewayV2HTTPEvent e) {
        if (e.getRequestContext() != null && e.getRequestContext().getHttp() != null) {
            return e.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT);
        }
        String rk = e.getRouteKey();
        return rk == null ? "" : rk.substring(0, rk.indexOf(' '));
    }

    /** The route key ({@code POST /v1/submissions}), from the event or the raw path. */
    public static String routeKey(APIGatewayV2HTTPEvent e) {
        return e.getRouteKey() != null && !e.getRouteKey().equals("$default") ? e.getRouteKey()
                : method(e) + " " + e.getRawPath();
    }

    public static String pathParameter(APIGatewayV2HTTPEvent e, String name) {
        return e.getPathParameters() == null ? null : e.getPathParameters().get(name);
    }

    public static String query(APIGatewayV2HTTPEvent e, String name) {
        return e.getQueryStringParameters() == null ? null : e.getQueryStringParameters().get(name);
    }

    /** The body as text, refusing it (413) when longer than {@code maxBytes}. */
    public static String body(APIGatewayV2HTTPEvent e, int maxBytes) {
        String raw = e.getBody();
        if (raw == null) {
            return "";
        }
        byte[] bytes = e.getIsBase64Encoded() ? decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "the body is " + bytes.length + " bytes; the limit is "
                    + maxBytes, null);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String raw) {
        try {
            return Base64.getDecoder().decode(raw);
        } catch (IllegalArgumentException ex) {
            throw new ApiException(400, "MALFORMED_BODY", "the body is not valid base64", null);
        }
    }

    /** The media type without parameters, lower-cased; null when absent. */
    public static String mediaType(APIGatewayV2HTTPEvent e) {
        String ct = header(e, "content-type");
        if (ct == null || ct.isBlank()) {
            return null;
        }
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(Json.write(body))
                .build();
    }

    public static APIGatewayV2HTTPResponse error(ApiException e) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", e.code());
        err.put("message", e.getMessage());
        if (e.field() != null) {
            err.put("field", e.field());
        }
        if (!e.failed().isEmpty()) {
            err.put("failed", e.failed());
        }
        return json(e.status(), Map.of("error", err));
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message, String field) {
        return error(new ApiException(status, code, message, field, List.of()));
    }

    /** When a token is configured (local runtime), the request must carry it as a bearer token. */
    public static void requireToken(APIGatewayV2HTTPEvent e, String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        String auth = header(e, "authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            throw new ApiException(401, "UNAUTHENTICATED", "send Authorization: Bearer <token>", "authorization");
        }
        if (!java.security.MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "FORBIDDEN", "the token is not valid", "authorization");
        }
    }
}
