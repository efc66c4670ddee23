package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.Env;
import io.stagegate.wiring.Wiring.FunctionDef;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment maps handlers get locally, built from {@link Wiring.Env} names and the
 * stand-ins' addresses. Like Lambda, each function sees only the variables its
 * {@link FunctionDef#env()} lists, plus the ones every local function needs to reach the
 * stand-ins ({@link #LOCAL_KEYS}), so a variable missing from the wiring fails here too.
 */
public final class LocalEnvironment {
    /** Standard SDK variable names; the values are the dummy credentials "local"/"local". */
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

    /** Present for every function locally (and absent in AWS, apart from the region). */
    public static final List<String> LOCAL_KEYS = List.of(Env.DYNAMODB_ENDPOINT, Env.SQS_ENDPOINT,
            Env.EVENTBRIDGE_ENDPOINT, Env.AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY);

    private LocalEnvironment() {
    }

    /**
     * Every variable of every function.
     *
     * @param extra added last (e.g. {@link Env#LEAD_MODEL}); may override
     */
    public static Map<String, String> all(URI dynamoDb, SqsStandIn sqs, URI eventBridge, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Env.TABLE_NAME, Wiring.TABLE_NAME);
        env.put(Env.EVENT_BUS_NAME, Wiring.EVENT_BUS_NAME);
        env.put(Env.SCORING_QUEUE_URL, sqs.queueUrl(Wiring.SCORING_QUEUE.name()));
        env.put(Env.ESCALATION_QUEUE_URL, sqs.queueUrl(Wiring.ESCALATION_QUEUE.name()));
        env.put(Env.SALES_QUEUE_URL_PREFIX, sqs.salesQueueUrlPrefix());
        env.put(Env.DYNAMODB_ENDPOINT, dynamoDb.toString());
        env.put(Env.SQS_ENDPOINT, sqs.endpoint().toString());
        env.put(Env.EVENTBRIDGE_ENDPOINT, eventBridge.toString());
        env.put(Env.AWS_REGION, AwsClients.REGION.id());
        env.put(AWS_ACCESS_KEY_ID, AwsClients.ACCESS_KEY);
        env.put(AWS_SECRET_ACCESS_KEY, AwsClients.SECRET_KEY);
        env.putAll(extra);
        return Map.copyOf(env);
    }

    /** What {@code function} sees: its declared variables plus {@link #LOCAL_KEYS}. */
    public static Map<String, String> forFunction(FunctionDef function, Map<String, String> all) {
        Map<String, String> env = new TreeMap<>();
        for (String key : function.env()) {
            if (all.containsKey(key)) {
                env.put(key, all.get(key));
            }
        }
        for (String key : LOCAL_KEYS) {
            env.put(key, all.get(key));
        }
        return Map.copyOf(env);
    }
}
