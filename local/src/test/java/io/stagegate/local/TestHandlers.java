package io.stagegate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tiny handlers that follow the Stagegate handler convention, for the runtime's own tests. */
final class TestHandlers {
    private TestHandlers() {
    }

    /** Echoes what API Gateway would have given the handler; "/boom" ids make it throw. */
    static final class EchoHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private static final ObjectMapper JSON = new ObjectMapper();
        final Map<String, String> environment;

        public EchoHttpHandler(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            if (event.getPathParameters() != null && "boom".equals(event.getPathParameters().get("leadId"))) {
                throw new IllegalStateException("boom requested");
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("routeKey", event.getRouteKey());
            body.put("rawPath", event.getRawPath());
            body.put("rawQueryString", event.getRawQueryString());
            body.putPOJO("pathParameters", event.getPathParameters());
            body.putPOJO("queryStringParameters", event.getQueryStringParameters());
            body.put("method", event.getRequestContext().getHttp().getMethod());
            body.put("sourceIp", event.getRequestContext().getHttp().getSourceIp());
            body.put("requestId", event.getRequestContext().getRequestId());
            body.put("timeEpoch", event.getRequestContext().getTimeEpoch());
            body.put("contentType", event.getHeaders().get("content-type"));
            body.put("body", event.getBody());
            body.put("isBase64Encoded", event.getIsBase64Encoded());
            body.put("functionName", context.getFunctionName());
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode("POST".equals(event.getRequestContext().getHttp().getMethod()) ? 202 : 200)
                    .withHeaders(Map.of("Content-Type", "application/json", "X-Echo", "yes"))
                    .withBody(body.toString())
                    .build();
        }
    }

    /** Records every body; reports messages whose body contains "poison" as failed. */
    static final class PoisonAwareSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
        final List<String> processed = new CopyOnWriteArrayList<>();
        final List<SQSEvent.SQSMessage> seen = new CopyOnWriteArrayList<>();

        PoisonAwareSqsHandler(Map<String, String> environment) {
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                seen.add(message);
                if (message.getBody().contains("poison")) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                } else {
                    processed.add(message.getBody());
                }
            }
            return new SQSBatchResponse(failures);
        }
    }

    /** Counts sweeps and remembers the time it was given. */
    static final class CountingScheduleHandler implements RequestHandler<Map<String, Object>, Void> {
        final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
        final Clock clock;

        public CountingScheduleHandler(Map<String, String> environment, Clock clock) {
            this.clock = clock;
        }

        @Override
        public Void handleRequest(Map<String, Object> event, Context context) {
            events.add(event);
            return null;
        }
    }
}
