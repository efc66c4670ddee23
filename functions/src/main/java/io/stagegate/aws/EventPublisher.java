package io.stagegate.aws;

import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes domain events to the bus. PutEvents can succeed as a call and still fail some
 * entries: {@code failedEntryCount} is checked and only the failed entries are retried, with
 * backoff; if some still fail the caller gets an exception (and its message is redelivered).
 */
public final class EventPublisher {

    private static final int ATTEMPTS = 4;

    private final EventBridgeClient events;
    private final String busName;

    public EventPublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    public record Event(String detailType, Object detail) {
    }

    public void publish(List<Event> batch) {
        List<PutEventsRequestEntry> pending = new ArrayList<>();
        for (Event e : batch) {
            pending.add(PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(Wiring.EVENT_SOURCE)
                    .detailType(e.detailType())
                    .detail(Json.write(e.detail()))
                    .build());
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            // PutEvents takes at most 10 entries per call
            for (int i = 0; i < pending.size(); i += 10) {
                List<PutEventsRequestEntry> chunk = pending.subList(i, Math.min(pending.size(), i + 10));
                PutEventsResponse r = events.putEvents(PutEventsRequest.builder().entries(chunk).build());
                if (r.failedEntryCount() != null && r.failedEntryCount() > 0) {
                    List<PutEventsResultEntry> results = r.entries();
                    for (int k = 0; k < results.size(); k++) {
                        if (results.get(k).errorCode() != null) {
                            failed.add(chunk.get(k));
                        }
                    }
                }
            }
            if (failed.isEmpty()) {
                return;
            }
            if (attempt >= ATTEMPTS) {
                throw new IllegalStateException(failed.size() + " events not accepted by the bus after " + attempt + " attempts");
            }
            pending = failed;
            sleep(50L << attempt);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying PutEvents", e);
        }
    }
}
