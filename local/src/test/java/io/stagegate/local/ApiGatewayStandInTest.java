package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.wiring.Wiring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiGatewayStandInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiGatewayStandIn api;

    @BeforeAll
    static void start() {
        TestHandlers.EchoHttpHandler echo = new TestHandlers.EchoHttpHandler(Map.of());
        api = ApiGatewayStandIn.start(0, Wiring.FUNCTIONS, Map.of(
                Wiring.LEADS.name(), LocalFunction.of(Wiring.LEADS, echo),
                Wiring.INTAKE.name(), LocalFunction.of(Wiring.INTAKE, echo)), null, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(api.endpoint() + pathAndQuery);
    }

    @Test
    void aGetOnALeadRouteReachesTheHandlerWithRouteKeyPathParametersAndQuery() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/leads/lead%2042/transitions?a=1&b=x%20y&a=2")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Echo")).hasValue("yes");
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.get("routeKey").asText()).isEqualTo("GET /v1/leads/{leadId}/transitions");
        assertThat(echo.get("rawPath").asText()).isEqualTo("/v1/leads/lead%2042/transitions");
        assertThat(echo.get("rawQueryString").asText()).isEqualTo("a=1&b=x%20y&a=2");
        assertThat(echo.at("/pathParameters/leadId").asText()).isEqualTo("lead 42");
        assertThat(echo.at("/queryStringParameters/a").asText()).isEqualTo("1,2");
        assertThat(echo.at("/queryStringParameters/b").asText()).isEqualTo("x y");
        assertThat(echo.get("method").asText()).isEqualTo("GET");
        assertThat(echo.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(echo.get("requestId").asText()).isNotBlank();
        assertThat(echo.get("timeEpoch").asLong()).isPositive();
        assertThat(echo.get("functionName").asText()).isEqualTo("stagegate-leads");
    }

    @Test
    void aJsonPostArrivesAsATextBodyAndTheHandlersStatusIsReturned() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/submissions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.example\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.get("routeKey").asText()).isEqualTo("POST /v1/submissions");
        assertThat(echo.get("body").asText()).isEqualTo("{\"email\":\"a@b.example\"}");
        assertThat(echo.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(echo.get("contentType").asText()).isEqualTo("application/json");
        assertThat(echo.get("pathParameters").isNull()).isTrue();
    }

    @Test
    void anUnknownRouteAnswers404WithTheErrorBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/nothing-here")).DELETE());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no route for DELETE /v1/nothing-here\"}}"));
    }

    @Test
    void aKnownPathWithTheWrongMethodIsNotARoute() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/submissions")));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void aHandlerExceptionAnswers500WithTheErrorBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/leads/boom")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("INTERNAL");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413BeforeTheHandlerRuns() throws Exception {
        byte[] big = new byte[ApiGatewayStandIn.MAX_BODY_BYTES + 1];

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/submissions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aRouteWhoseFunctionHasNoHandlerAnswers501() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/reports/funnel")));

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.body()).contains("stagegate-reports");
    }

    @Test
    void aBinaryBodyIsBase64Encoded() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/signals"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));

        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(echo.get("body").asText()).isEqualTo("AQID");
    }

    @Test
    void withAnApiTokenPrivateRoutesNeedTheBearerTokenAndPublicOnesDoNot() throws Exception {
        TestHandlers.EchoHttpHandler echo = new TestHandlers.EchoHttpHandler(Map.of());
        try (ApiGatewayStandIn secured = ApiGatewayStandIn.start(0, List.of(Wiring.LEADS, Wiring.INTAKE), Map.of(
                Wiring.LEADS.name(), LocalFunction.of(Wiring.LEADS, echo),
                Wiring.INTAKE.name(), LocalFunction.of(Wiring.INTAKE, echo)), "s3cret", Clock.systemUTC())) {
            URI lead = URI.create(secured.endpoint() + "/v1/leads/l1");

            assertThat(send(HttpRequest.newBuilder(lead)).statusCode()).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(lead).header("Authorization", "Bearer s3cret")).statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create(secured.endpoint() + "/v1/submissions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(202);
        }
    }
}
