package io.stagegate.local;

import io.stagegate.wiring.Wiring.ScheduleTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge schedules, locally: each function with a {@link ScheduleTrigger} is invoked every
 * {@code rateMinutes} with a scheduled event as EventBridge delivers it, as a map of its JSON
 * (the first run one period after start, as {@code rate(...)} does). {@link #runNow} fires one deterministically for tests.
 */
public final class ScheduleRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("schedule"));

    public ScheduleRunner(List<LocalFunction> scheduled, Clock clock) {
        this.clock = clock;
        for (LocalFunction function : scheduled) {
            if (!(function.def().trigger() instanceof ScheduleTrigger)) {
                throw new IllegalArgumentException(function.name() + " has no schedule trigger");
            }
            functions.put(function.name(), function);
        }
    }

    public ScheduleRunner start() {
        functions.values().forEach(function -> {
            long minutes = ((ScheduleTrigger) function.def().trigger()).rateMinutes();
            executor.scheduleAtFixedRate(() -> {
                try {
                    runNow(function.name());
                } catch (RuntimeException e) {
                    LOG.error("{} failed on its schedule", function.name(), e);
                }
            }, minutes, minutes, TimeUnit.MINUTES);
        });
        return this;
    }

    /** Invokes a scheduled function now, in the caller's thread; returns what the handler returned. */
    public Object runNow(String functionName) {
        LocalFunction function = functions.get(functionName);
        if (function == null) {
            throw new IllegalArgumentException("no scheduled function " + functionName + " with a handler; have "
                    + functions.keySet());
        }
        ScheduleTrigger trigger = (ScheduleTrigger) function.def().trigger();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", AwsClients.ACCOUNT_ID);
        event.put("time", Instant.ofEpochMilli(clock.millis()).toString());
        event.put("region", AwsClients.REGION.id());
        event.put("resources", List.of("arn:aws:events:" + AwsClients.REGION.id() + ":" + AwsClients.ACCOUNT_ID
                + ":rule/" + trigger.name()));
        event.put("detail", Map.of());
        return function.invoke(event);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
