package io.stagegate.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SDK clients, built once per process and named explicitly: one HTTP client implementation
 * (url-connection, the lightest to start), the region from the environment, Lambda's
 * environment credentials in AWS and fixed dummy ones against the loopback stand-ins.
 */
public final class AwsClients {

    /**
     * Extra SDK interceptors for every client built from now on in this process. Only tests
     * (fault injection) and benchmarks (request and capacity counting) add any; in Lambda the list
     * stays empty, so handler code paths never change.
     */
    private static final List<ExecutionInterceptor> EXTRA_INTERCEPTORS = new CopyOnWriteArrayList<>();

    private final SdkHttpClient http;
    private final StagegateConfig config;

    public AwsClients(StagegateConfig config) {
        this.config = config;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Adds an interceptor to clients built after this call (tests and the local runtime only). */
    public static void addInterceptor(ExecutionInterceptor interceptor) {
        EXTRA_INTERCEPTORS.add(interceptor);
    }

    public static void removeInterceptor(ExecutionInterceptor interceptor) {
        EXTRA_INTERCEPTORS.remove(interceptor);
    }

    private AwsCredentialsProvider credentials(URI endpoint) {
        // the stand-ins accept any credentials; never real ones on loopback
        return endpoint != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : EnvironmentVariableCredentialsProvider.create();
    }

    private ClientOverrideConfiguration overrides() {
        var b = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofSeconds(20));
        EXTRA_INTERCEPTORS.forEach(b::addExecutionInterceptor);
        return b.build();
    }

    public DynamoDbClient dynamoDb() {
        var b = DynamoDbClient.builder().httpClient(http).region(Region.of(config.region()))
                .credentialsProvider(credentials(config.dynamoDbEndpoint())).overrideConfiguration(overrides());
        if (config.dynamoDbEndpoint() != null) {
            b.endpointOverride(config.dynamoDbEndpoint());
        }
        return b.build();
    }

    public SqsClient sqs() {
        var b = SqsClient.builder().httpClient(http).region(Region.of(config.region()))
                .credentialsProvider(credentials(config.sqsEndpoint())).overrideConfiguration(overrides());
        if (config.sqsEndpoint() != null) {
            b.endpointOverride(config.sqsEndpoint());
        }
        return b.build();
    }

    public EventBridgeClient eventBridge() {
        var b = EventBridgeClient.builder().httpClient(http).region(Region.of(config.region()))
                .credentialsProvider(credentials(config.eventBridgeEndpoint())).overrideConfiguration(overrides());
        if (config.eventBridgeEndpoint() != null) {
            b.endpointOverride(config.eventBridgeEndpoint());
        }
        return b.build();
    }
}
