package io.stagegate.reliability;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * Fault injection into the handlers' SDK clients (registered through
 * {@link io.stagegate.aws.AwsClients#addInterceptor}): at a fixed-seed random rate, a call fails
 * before it is sent (throttling, 500, 503) or after DynamoDB/SQS/EventBridge applied it (the
 * response is lost: the nastiest case, the SDK retries a write that already happened). Targeted
 * faults ({@link #failNext}) fail the next n attempts of one operation for the deterministic tests.
 */
final class Faults implements ExecutionInterceptor {

    private static final String[][] KINDS = {
            {"400", "ThrottlingException"}, {"500", "InternalServerError"}, {"503", "ServiceUnavailable"}};

    private final Random random;
    private volatile double rate;
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile BiPredicate<String, SdkRequest> target;
    private final AtomicInteger targetedLeft = new AtomicInteger();

    Faults(long seed) {
        this.random = new Random(seed);
    }

    /** Random faults on this fraction of attempts (half before sending, half after the service acted). */
    void rate(double rate) {
        this.rate = rate;
    }

    /** Fails the next {@code attempts} attempts of calls matching (operation, request). */
    void failNext(int attempts, BiPredicate<String, SdkRequest> which) {
        targetedLeft.set(attempts);
        target = which;
    }

    int targetedLeft() {
        return targetedLeft.get();
    }

    int total() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<String, AtomicInteger> byKind() {
        return injected;
    }

    int calls() {
        return calls.get();
    }

    private synchronized double roll() {
        return random.nextDouble();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        calls.incrementAndGet();
        BiPredicate<String, SdkRequest> t = target;
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (t != null && t.test(op, context.request()) && targetedLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw fault(attributes, KINDS[2], "targeted");
        }
        double r = roll();
        if (r < rate / 2) {
            throw fault(attributes, KINDS[(int) (r * 1000) % 3], "before");
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (rate > 0 && context.httpResponse().isSuccessful() && roll() < rate / 2) {
            throw fault(attributes, KINDS[1 + (int) (roll() * 2)], "lost-response");
        }
        return context.httpResponse();
    }

    private AwsServiceException fault(ExecutionAttributes attributes, String[] kind, String when) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        injected.computeIfAbsent(service + "." + op + " " + kind[1] + " (" + when + ")", k -> new AtomicInteger()).incrementAndGet();
        return AwsServiceException.builder()
                .statusCode(Integer.parseInt(kind[0]))
                .message("injected " + kind[1])
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(kind[1]).errorMessage("injected").serviceName(service).build())
                .build();
    }
}
