package io.stagegate.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One cold start, in its own JVM (started by {@link ColdStart}): load a handler class, build it
 * (the no-arg constructor, reading the process environment as in Lambda), invoke it once with a
 * sample event. Or the bare baselines: build one DynamoDB client and do one PutItem.
 * Prints {@code RESULT init=<ms> invoke=<ms>}.
 */
public final class ColdStartChild {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String mode = args[0];
        long t1;
        long t2;
        double primed = 0;
        switch (mode) {
            case "handler", "handler-primed" -> {
                Object event = event(args[2], Files.readString(Path.of(args[3])));
                t0 = System.nanoTime(); // the runtime's deserialisation is not the handler's
                @SuppressWarnings("unchecked")
                RequestHandler<Object, Object> h = (RequestHandler<Object, Object>) Class.forName(args[1])
                        .getConstructor().newInstance();
                t1 = System.nanoTime();
                if (mode.equals("handler-primed")) {
                    // what SnapStart's checkpoint runs after init: not part of any request's latency
                    io.stagegate.aws.Priming.primeAll();
                    primed = (System.nanoTime() - t1) / 1e6;
                    t1 = System.nanoTime();
                }
                Object out = h.handleRequest(event, null);
                t2 = System.nanoTime();
                check(out);
            }
            case "bare" -> {
                Bare b = Bare.configured();
                t1 = System.nanoTime();
                b.putOne();
                t2 = System.nanoTime();
            }
            case "bare-default" -> {
                Bare b = Bare.defaults();
                t1 = System.nanoTime();
                b.putOne();
                t2 = System.nanoTime();
            }
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.printf("RESULT init=%.1f invoke=%.1f primed=%.1f%n", mode.equals("handler-primed") ? (t1 - t0) / 1e6 - primed
                : (t1 - t0) / 1e6, (t2 - t1) / 1e6, primed);
    }

    private static void check(Object out) {
        String s = String.valueOf(out);
        if (out instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse r && r.getStatusCode() >= 300) {
            throw new IllegalStateException("handler answered " + r.getStatusCode() + " " + r.getBody());
        }
        if (out instanceof com.amazonaws.services.lambda.runtime.events.SQSBatchResponse r
                && r.getBatchItemFailures() != null && !r.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("batch failures: " + s);
        }
    }

    @SuppressWarnings("unchecked")
    static Object event(String kind, String json) {
        Map<String, Object> m = (Map<String, Object>) MiniJson.parse(json);
        if (kind.equals("http")) {
            Map<String, Object> ctx = (Map<String, Object>) m.get("requestContext");
            Map<String, Object> http = (Map<String, Object>) ctx.get("http");
            return APIGatewayV2HTTPEvent.builder()
                    .withVersion((String) m.get("version"))
                    .withRouteKey((String) m.get("routeKey"))
                    .withRawPath((String) m.get("rawPath"))
                    .withRawQueryString((String) m.get("rawQueryString"))
                    .withHeaders((Map<String, String>) (Map<?, ?>) m.get("headers"))
                    .withBody((String) m.get("body"))
                    .withIsBase64Encoded(Boolean.TRUE.equals(m.get("isBase64Encoded")))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRequestId((String) ctx.get("requestId"))
                            .withTimeEpoch(((Number) ctx.get("timeEpoch")).longValue())
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod((String) http.get("method")).withPath((String) http.get("path"))
                                    .withProtocol((String) http.get("protocol")).withSourceIp((String) http.get("sourceIp"))
                                    .withUserAgent((String) http.get("userAgent")).build())
                            .build())
                    .build();
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Object o : (List<Object>) m.get("Records")) {
            Map<String, Object> r = (Map<String, Object>) o;
            SQSEvent.SQSMessage msg = new SQSEvent.SQSMessage();
            msg.setMessageId((String) r.get("messageId"));
            msg.setReceiptHandle((String) r.get("receiptHandle"));
            msg.setBody((String) r.get("body"));
            msg.setAttributes((Map<String, String>) (Map<?, ?>) r.get("attributes"));
            msg.setEventSource((String) r.get("eventSource"));
            msg.setEventSourceArn((String) r.get("eventSourceARN"));
            msg.setAwsRegion((String) r.get("awsRegion"));
            records.add(msg);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    /** The bare baselines: one DynamoDB client, one PutItem. */
    static final class Bare {
        private final software.amazon.awssdk.services.dynamodb.DynamoDbClient client;

        private Bare(software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
            this.client = client;
        }

        /** (a) the same client configuration as io.stagegate.aws.AwsClients. */
        static Bare configured() {
            var http = software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
            return new Bare(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                    .httpClient(http)
                    .region(software.amazon.awssdk.regions.Region.of(System.getenv("AWS_REGION")))
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
                            .retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                            .apiCallTimeout(Duration.ofSeconds(20)).build())
                    .endpointOverride(URI.create(System.getenv("STAGEGATE_DYNAMODB_ENDPOINT")))
                    .build());
        }

        /** (b) the SDK's defaults: HTTP client found on the classpath, default region and credential chains. */
        static Bare defaults() {
            return new Bare(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                    .endpointOverride(URI.create(System.getenv("STAGEGATE_DYNAMODB_ENDPOINT")))
                    .build());
        }

        void putOne() {
            var s = (java.util.function.Function<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>)
                    v -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().s(v).build();
            client.putItem(b -> b.tableName(System.getenv("STAGEGATE_TABLE_NAME")).item(Map.of(
                    "pk", s.apply("BARE#" + UUID.randomUUID()), "sk", s.apply("BARE"), "data", s.apply("x"))));
        }
    }
}
