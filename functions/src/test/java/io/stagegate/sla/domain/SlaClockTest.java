package io.stagegate.sla.domain;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.SlaTimer;
import io.stagegate.lead.domain.Stage;
import io.stagegate.model.domain.SlaPolicy;
import io.stagegate.sales.domain.ActionOutcome;
import io.stagegate.sales.domain.SalesActions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.action;
import static io.stagegate.fixtures.Outcomes.applied;
import static io.stagegate.fixtures.Outcomes.mql;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md: first-outreach SLA, escalation on breach, business-hours arithmetic. */
class SlaClockTest {

    private static final SlaClock CLOCK = ENGINE.slaClock();
    private static final SalesActions SALES = new SalesActions(ENGINE);

    @Test
    @DisplayName("SALES_ACCEPTED starts the first-outreach timer; record_outreach stops it")
    void acceptStartsAndOutreachStops() {
        Instant acceptedAt = Leads.T0.plus(Duration.ofHours(1));
        Lead accepted = applied(SALES.decide(mql(Leads.from(Forms.demoRequest()).views("/platform/detections")),
                action("accept", Map.of()), List.of(), acceptedAt));
        SlaTimer timer = accepted.sla();
        assertThat(timer.stage()).isEqualTo(Stage.SALES_ACCEPTED);
        assertThat(timer.name()).isEqualTo("first-outreach-within-24h");
        assertThat(timer.dueAt()).isEqualTo(acceptedAt.plus(Duration.ofHours(24)));
        assertThat(timer.escalations()).isZero();

        ActionOutcome out = SALES.decide(accepted, action("record_outreach", Map.of()), List.of(), acceptedAt.plusSeconds(600));
        assertThat(out).isInstanceOfSatisfying(ActionOutcome.Applied.class, a -> {
            assertThat(a.slaStopped()).isTrue();
            assertThat(a.lead().sla()).isNull();
            assertThat(a.lead().stage()).isEqualTo(Stage.SALES_ACCEPTED);
            assertThat(a.lead().facts()).containsEntry("firstOutreachBy", "sam.sdr");
            assertThat(a.transition()).isEmpty();
        });
    }

    @Test
    @DisplayName("record_outreach does not stop the MQL accept timer (only accepting does)")
    void outreachDoesNotStopAcceptTimer() {
        Lead mql = mql(Leads.from(Forms.demoRequest()).views("/platform/detections"));
        ActionOutcome out = SALES.decide(mql, action("record_outreach", Map.of()), List.of(), Leads.T0.plusSeconds(600));
        assertThat(((ActionOutcome.Applied) out).slaStopped()).isFalse();
        assertThat(((ActionOutcome.Applied) out).lead().sla()).isEqualTo(mql.sla());
    }

    @Test
    @DisplayName("a breach escalates per the model (reassign, then notify-manager) and re-arms the timer each time")
    void breachEscalatesAndRearms() {
        Instant friday16 = Instant.parse("2026-03-06T16:00:00Z");
        SlaTimer timer = CLOCK.start(Stage.MARKETING_QUALIFIED, friday16).orElseThrow();
        assertThat(timer.dueAt()).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));

        SlaClock.Breach first = CLOCK.breach(timer, timer.dueAt());
        assertThat(first.step()).isEqualTo(SlaPolicy.Escalation.REASSIGN);
        assertThat(first.rearmed().escalations()).isEqualTo(1);
        assertThat(first.rearmed().dueAt()).isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));

        SlaClock.Breach second = CLOCK.breach(first.rearmed(), first.rearmed().dueAt());
        assertThat(second.step()).isEqualTo(SlaPolicy.Escalation.NOTIFY_MANAGER);
        SlaClock.Breach third = CLOCK.breach(second.rearmed(), second.rearmed().dueAt());
        assertThat(third.step()).as("the last step repeats").isEqualTo(SlaPolicy.Escalation.NOTIFY_MANAGER);
        assertThat(third.rearmed().escalations()).isEqualTo(3);
    }

    @Test
    @DisplayName("a first-outreach breach notifies the manager queue")
    void firstOutreachBreachNotifiesManager() {
        SlaTimer timer = CLOCK.start(Stage.SALES_ACCEPTED, Leads.T0).orElseThrow();
        SlaClock.Breach b = CLOCK.breach(timer, timer.dueAt().plusSeconds(1));
        assertThat(b.step()).isEqualTo(SlaPolicy.Escalation.NOTIFY_MANAGER);
        assertThat(b.breached()).isEqualTo(timer);
        assertThat(b.rearmed().dueAt()).isAfter(timer.dueAt());
    }

    @ParameterizedTest(name = "{0} + {1} business hours = {2}")
    @CsvSource({
            "2026-03-06T16:00:00Z, 8, 2026-03-09T16:00:00Z",   // Friday 16:00 → Monday 16:00
            "2026-03-03T10:00:00Z, 8, 2026-03-04T10:00:00Z",   // Tuesday 10:00 → Wednesday 10:00
            "2026-03-03T08:00:00Z, 2, 2026-03-03T11:00:00Z",   // before opening: counts from 09:00
            "2026-03-03T18:30:00Z, 1, 2026-03-04T10:00:00Z",   // after closing: next morning
            "2026-03-07T12:00:00Z, 1, 2026-03-09T10:00:00Z",   // Saturday: Monday
            "2026-03-03T09:00:00Z, 16, 2026-03-04T17:00:00Z",  // two full days
            "2026-03-03T16:30:00Z, 1, 2026-03-04T09:30:00Z"})
    void businessHours(String from, int hours, String expected) {
        assertThat(CLOCK.addBusinessHours(Instant.parse(from), hours)).isEqualTo(Instant.parse(expected));
    }

    @Test
    @DisplayName("stages without an SLA start no timer")
    void noTimerWithoutPolicy() {
        assertThat(CLOCK.start(Stage.MARKETING_ENGAGED, Leads.T0)).isEmpty();
        assertThat(CLOCK.start(Stage.SALES_QUALIFIED, Leads.T0)).isPresent();
    }
}
