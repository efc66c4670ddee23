package io.stagegate.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.local.HandlerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Wraps every handler the local runtime makes: counts invocations, SQS records and durations per function. */
final class Invocations {

    static final class Fn {
        final LongAdder invocations = new LongAdder();
        final LongAdder records = new LongAdder();
        final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        volatile int memoryMb;
    }

    private final Map<String, Fn> fns = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    HandlerFactory factory() {
        HandlerFactory base = HandlerFactory.byConvention();
        return (def, env, clock) -> base.create(def, env, clock).map(h -> {
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> delegate = (RequestHandler<Object, Object>) h;
            return (RequestHandler<Object, Object>) (Object event, Context ctx) -> {
                Fn fn = fns.computeIfAbsent(def.name(), k -> new Fn());
                fn.memoryMb = def.memoryMb();
                inFlight.incrementAndGet();
                long t0 = System.nanoTime();
                try {
                    return delegate.handleRequest(event, ctx);
                } finally {
                    long t1 = System.nanoTime();
                    fn.invocations.increment();
                    if (event instanceof SQSEvent e) {
                        fn.records.add(e.getRecords().size());
                    }
                    fn.millis.add((t1 - t0) / 1e6);
                    lastActivity.set(t1);
                    inFlight.decrementAndGet();
                }
            };
        });
    }

    void reset() {
        fns.clear();
    }

    Map<String, Fn> snapshot() {
        return new TreeMap<>(fns);
    }

    /** Waits until no handler ran for {@code quietMillis} (the pipeline drained). */
    void awaitQuiet(long quietMillis, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (inFlight.get() == 0 && (System.nanoTime() - lastActivity.get()) / 1_000_000 >= quietMillis) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("pipeline did not drain in " + timeoutMillis + " ms");
    }

    void touch() {
        lastActivity.set(System.nanoTime());
    }
}
