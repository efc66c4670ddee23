package io.stagegate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stagegate.wiring.Wiring.FunctionDef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway (HTTP API, payload format 2.0) stand-in: a loopback HTTP server that turns each
 * request into an {@link APIGatewayV2HTTPEvent}, finds the function by the routes of
 * {@link io.stagegate.wiring.Wiring}, invokes its handler in-process and writes back the
 * {@link APIGatewayV2HTTPResponse}. Bodies over 1 MiB are refused with 413 before any handler
 * runs. When an API token is set, non-public routes need {@code Authorization: Bearer <token>}
 * (the authorizer's job in AWS).
 */
public final class ApiGatewayStandIn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayStandIn.class);
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int THREADS = 16;
    private static final java.util.regex.Pattern READABLE_SEGMENT = java.util.regex.Pattern.compile("[A-Za-z0-9._~{}-]{0,64}");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable routes;
    private final Map<String, LocalFunction> functions;
    private final String apiToken;
    private final Clock clock;

    private ApiGatewayStandIn(HttpServer server, RouteTable routes, Map<String, LocalFunction> functions,
                              String apiToken, Clock clock) {
        this.server = server;
        this.routes = routes;
        this.functions = functions;
        this.apiToken = apiToken;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(THREADS, Threads.daemon("http-api"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param port      0 for any free port
     * @param routes    every function with HTTP routes (those without a handler answer 501)
     * @param functions handlers by function name
     * @param apiToken  null for open routes
     */
    public static ApiGatewayStandIn start(int port, List<FunctionDef> routes, Map<String, LocalFunction> functions,
                                          String apiToken, Clock clock) {
        HttpServer server = Ports.httpServer(port, "--http-port", "HTTP API");
        return new ApiGatewayStandIn(server, new RouteTable(routes), Map.copyOf(functions), apiToken, clock);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return Ports.url(port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        int status = 500;
        try {
            status = route(exchange, method, rawPath);
        } catch (RuntimeException | IOException e) {
            LOG.error("{} {} failed", method, redact(rawPath), e);
            if (exchange.getResponseCode() == -1) {
                HttpExchanges.sendError(exchange, 500, "INTERNAL", "the request failed; see the runtime log");
            }
        } finally {
            exchange.close();
            LOG.info("{} {} → {} ({} ms)", method, redact(rawPath), status, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private int route(HttpExchange exchange, String method, String rawPath) throws IOException {
        RouteTable.Match match = routes.match(method, rawPath).orElse(null);
        if (match == null) {
            HttpExchanges.sendError(exchange, 404, "NOT_FOUND", "no route for " + method + " " + rawPath);
            return 404;
        }
        if (apiToken != null && !match.route().isPublic()) {
            // the same answers as the handlers' own check (Http.requireToken): 401 without a bearer
            // token, 403 with a wrong one, compared in constant time
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                HttpExchanges.sendError(exchange, 401, "UNAUTHENTICATED", "this route needs Authorization: Bearer <token>");
                return 401;
            }
            if (!java.security.MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                    apiToken.getBytes(StandardCharsets.UTF_8))) {
                HttpExchanges.sendError(exchange, 403, "FORBIDDEN", "the token is not valid");
                return 403;
            }
        }
        LocalFunction function = functions.get(match.function().name());
        if (function == null) {
            HttpExchanges.sendError(exchange, 501, "NOT_IMPLEMENTED", "function " + match.function().name()
                    + " has no handler in this runtime (" + match.function().handlerClass() + " not on the classpath)");
            return 501;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            HttpExchanges.sendError(exchange, 413, "PAYLOAD_TOO_LARGE",
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            return 413;
        }
        APIGatewayV2HTTPEvent event = toEvent(exchange, match, body);
        Object result;
        try {
            result = function.invoke(event);
        } catch (RuntimeException e) {
            LOG.error("{} threw on {} {}", function.name(), method, redact(rawPath), e);
            HttpExchanges.sendError(exchange, 500, "INTERNAL", "the handler failed; see the runtime log");
            return 500;
        }
        if (!(result instanceof APIGatewayV2HTTPResponse response)) {
            LOG.error("{} returned {} instead of an APIGatewayV2HTTPResponse", function.name(),
                    result == null ? "null" : result.getClass().getName());
            HttpExchanges.sendError(exchange, 500, "INTERNAL", "the handler returned no APIGatewayV2HTTPResponse");
            return 500;
        }
        return write(exchange, response);
    }

    /**
     * The path for the log: segments that could carry personal data (an email typed where a lead
     * id belongs, anything percent-encoded or long) are replaced by "*". Lead ids stay readable.
     */
    static String redact(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (!READABLE_SEGMENT.matcher(segments[i]).matches()) {
                segments[i] = "*";
            }
        }
        return String.join("/", segments);
    }

    /** The body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (length != null) {
                try {
                    if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
                        drain(in);
                        return null;
                    }
                } catch (NumberFormatException ignored) {
                    // read and count instead
                }
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                drain(in);
                return null;
            }
            return body;
        }
    }

    /**
     * Reads and drops the rest of a refused body (up to 16 MiB): closing the connection with
     * unread bytes makes the client's TCP stack reset it, and the client never sees the 413.
     */
    private static void drain(InputStream in) throws IOException {
        long left = 16L * MAX_BODY_BYTES;
        byte[] sink = new byte[64 * 1024];
        for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
            left -= n;
        }
    }

    private APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, RouteTable.Match match, byte[] body) {
        Instant now = clock.instant();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        Headers requestHeaders = exchange.getRequestHeaders();
        requestHeaders.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
            } else {
                headers.put(key, String.join(",", values));
            }
        });
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String rawPath = exchange.getRequestURI().getRawPath();
        String contentType = headers.get("content-type");
        boolean text = isText(contentType);

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod());
        http.setPath(rawPath);
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        http.setUserAgent(headers.get("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(match.route().routeKey());
        context.setAccountId(AwsClients.ACCOUNT_ID);
        context.setApiId("local");
        context.setStage("$default");
        context.setDomainName(headers.getOrDefault("host", Ports.LOOPBACK + ":" + port()));
        context.setDomainPrefix("local");
        context.setRequestId(UUID.randomUUID().toString());
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        context.setHttp(http);

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(rawQuery));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setRequestContext(context);
        if (body.length > 0) {
            event.setBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(!text);
        }
        return event;
    }

    /** Like API Gateway: null when there is none, repeated keys joined with commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(key, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded") || type.contains("javascript");
    }

    private static int write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        Headers out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::set);
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> out.add("Set-Cookie", c));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        HttpExchanges.send(exchange, status, out.containsKey("Content-Type") ? null : "application/json", bytes);
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
