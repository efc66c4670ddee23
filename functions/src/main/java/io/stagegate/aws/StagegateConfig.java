package io.stagegate.aws;

import io.stagegate.wiring.Wiring.Env;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configuration read once from the environment into one record; a missing required variable
 * fails at init with its name, not at the first request.
 */
public record StagegateConfig(
        String region,
        String tableName,
        String eventBusName,
        String scoringQueueUrl,
        String salesQueueUrlPrefix,
        String escalationQueueUrl,
        String leadModel,
        URI dynamoDbEndpoint,
        URI sqsEndpoint,
        URI eventBridgeEndpoint,
        String apiToken) {

    /** Reads the variables a function needs; {@code required} lists the ones it cannot run without. */
    public static StagegateConfig from(Map<String, String> env, List<String> required) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing environment variables: " + String.join(", ", missing)
                    + " (see io.stagegate.wiring.Wiring for what each function needs)");
        }
        return new StagegateConfig(
                env.getOrDefault(Env.AWS_REGION, "us-east-1"),
                env.get(Env.TABLE_NAME),
                env.get(Env.EVENT_BUS_NAME),
                env.get(Env.SCORING_QUEUE_URL),
                env.get(Env.SALES_QUEUE_URL_PREFIX),
                env.get(Env.ESCALATION_QUEUE_URL),
                env.get(Env.LEAD_MODEL),
                uri(env.get(Env.DYNAMODB_ENDPOINT)),
                uri(env.get(Env.SQS_ENDPOINT)),
                uri(env.get(Env.EVENTBRIDGE_ENDPOINT)),
                env.get(Env.API_TOKEN));
    }

    private static URI uri(String v) {
        return v == null || v.isBlank() ? null : URI.create(v);
    }

    public String salesQueueUrl(String team) {
        return salesQueueUrlPrefix + team;
    }
}
