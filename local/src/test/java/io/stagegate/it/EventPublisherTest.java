package io.stagegate.it;

import io.stagegate.aws.EventPublisher;
import io.stagegate.local.StandIns;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PutEvents can succeed as a call and still fail entries: the publisher checks
 * {@code failedEntryCount} and resends only the failed entries (the counter-example this guards
 * against swallowed them).
 */
class EventPublisherTest {

    private final StandIns aws = StandIns.shared();
    private final EventPublisher publisher = new EventPublisher(aws.eventBridge(), Wiring.EVENT_BUS_NAME);

    @AfterEach
    void noInjectedFailuresLeft() {
        aws.eventBridgeStandIn().failNextEntries(0);
    }

    private long delivered(String marker) {
        return aws.eventBridgeStandIn().events().stream()
                .filter(e -> e.path("detail").path("marker").asText().equals(marker)).count();
    }

    @Test
    @DisplayName("entries the bus refuses are retried until accepted, and each event is delivered once")
    void failedEntriesAreRetriedOnce() {
        String marker = UUID.randomUUID().toString();
        aws.eventBridgeStandIn().failNextEntries(2);
        publisher.publish(List.of(
                new EventPublisher.Event(Wiring.DetailType.SALES_ACTION_RECORDED, Map.of("leadId", "ld_a", "marker", marker)),
                new EventPublisher.Event(Wiring.DetailType.SALES_ACTION_RECORDED, Map.of("leadId", "ld_b", "marker", marker)),
                new EventPublisher.Event(Wiring.DetailType.SALES_ACTION_RECORDED, Map.of("leadId", "ld_c", "marker", marker))));
        assertThat(delivered(marker)).isEqualTo(3);
    }

    @Test
    @DisplayName("when the bus keeps refusing, the caller gets an error instead of a silent loss")
    void persistentFailureIsRaised() {
        String marker = UUID.randomUUID().toString();
        aws.eventBridgeStandIn().failNextEntries(100);
        assertThatThrownBy(() -> publisher.publish(List.of(new EventPublisher.Event(
                Wiring.DetailType.SALES_ACTION_RECORDED, Map.of("leadId", "ld_x", "marker", marker)))))
                .hasMessageContaining("not accepted");
        assertThat(delivered(marker)).isZero();
    }
}
