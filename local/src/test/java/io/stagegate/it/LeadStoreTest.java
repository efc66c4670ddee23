package io.stagegate.it;

import io.stagegate.aws.LeadStore;
import io.stagegate.local.TableSchema;
import io.stagegate.lead.domain.FollowUp;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.SlaTimer;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import io.stagegate.local.StandIns;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-table store's guarantees, on dynalite through the real SDK client. */
class LeadStoreTest {

    private final StandIns aws = StandIns.shared();
    private final LeadStore store;

    LeadStoreTest() {
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        store = new LeadStore(aws.dynamoDb(), Wiring.TABLE_NAME, 180);
    }

    private static Lead newLead(Instant at) {
        String email = "store." + UUID.randomUUID() + "@acme.example";
        return Lead.builder(LeadIds.fromEmail(email), email).motion("product-demo").createdAt(at).stageEnteredAt(at).build();
    }

    private static Transition transition(Lead lead, int seq, Stage from, Stage to, Instant at) {
        return new Transition(lead.leadId(), seq, from, to, at, Transition.AUTOMATION, "test-rule", "v1", List.of("x"),
                List.of(), null, null, null, "cause-" + seq);
    }

    @Test
    @DisplayName("a second create of the same lead and a write from a stale version are refused, not lost or doubled")
    void optimisticConcurrency() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Lead lead = newLead(now);
        assertThat(store.save(lead, null)).isEqualTo(LeadStore.WriteResult.WRITTEN);
        assertThat(store.save(lead, null)).as("create twice").isEqualTo(LeadStore.WriteResult.CONFLICT);
        Lead read = store.load(lead.leadId()).orElseThrow().lead();
        assertThat(read.version()).isEqualTo(1);
        assertThat(store.save(read.toBuilder().status("WORKING").build(), null)).isEqualTo(LeadStore.WriteResult.WRITTEN);
        assertThat(store.save(read.toBuilder().status("STALE").build(), null)).isEqualTo(LeadStore.WriteResult.CONFLICT);
        assertThat(store.load(lead.leadId()).orElseThrow().lead().status()).isEqualTo("WORKING");
    }

    @Test
    @DisplayName("a snapshot written without its log entry (crash in between) has the transition repaired on the next load")
    void lastTransitionIsRepaired() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Lead lead = newLead(now);
        store.save(lead, null);
        Lead read = store.load(lead.leadId()).orElseThrow().lead();
        Transition t = transition(read, 1, Stage.NEW_INBOUND, Stage.MARKETING_ENGAGED, now);
        store.save(read.toBuilder().stage(Stage.MARKETING_ENGAGED).transitions(1).build(), t); // ... and the process dies

        LeadStore.LeadRecord repaired = store.load(lead.leadId()).orElseThrow();
        assertThat(repaired.transitions()).extracting(Transition::seq).containsExactly(1);
        assertThat(store.appendTransition(t)).as("the log entry now exists").isFalse();
    }

    @Test
    @DisplayName("a snapshot carrying two steps of one write, with neither log entry written (crash), has both repaired in order")
    void bothTransitionsOfOneWriteAreRepaired() {
        TwoSteps written = twoStepsInOneSnapshotWrite(); // ... and the process dies before the log writes
        Transition t1 = written.first();
        Transition t2 = written.second();

        LeadStore.LeadRecord repaired = store.load(written.leadId()).orElseThrow();
        assertThat(repaired.transitions()).extracting(Transition::seq).containsExactly(1, 2);
        assertThat(repaired.transitions()).extracting(Transition::causationId).containsExactly("cause-1", "cause-2");
        assertThat(repaired.lastTransition()).isEqualTo(t2);
        assertThat(store.appendTransition(t1)).as("the first log entry now exists").isFalse();
        assertThat(store.appendTransition(t2)).as("the second log entry now exists").isFalse();
    }

    @Test
    @DisplayName("a crash after the first of two log writes: the second is repaired, the first is left as it is")
    void theMissingOneOfTwoIsRepaired() {
        TwoSteps written = twoStepsInOneSnapshotWrite();
        assertThat(store.appendTransition(written.first())).isTrue(); // ... and the process dies

        assertThat(store.load(written.leadId()).orElseThrow().transitions()).containsExactly(written.first(), written.second());
    }

    private record TwoSteps(String leadId, Transition first, Transition second) {
    }

    /** A new lead moved NEW_INBOUND → ME → MQL by one snapshot write carrying both steps; no log entry written yet. */
    private TwoSteps twoStepsInOneSnapshotWrite() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Lead lead = newLead(now);
        store.save(lead, null);
        Lead read = store.load(lead.leadId()).orElseThrow().lead();
        Transition t1 = transition(read, 1, Stage.NEW_INBOUND, Stage.MARKETING_ENGAGED, now);
        Transition t2 = transition(read, 2, Stage.MARKETING_ENGAGED, Stage.MARKETING_QUALIFIED, now);
        assertThat(store.saveCarrying(read.toBuilder().stage(Stage.MARKETING_QUALIFIED).transitions(2).build(), List.of(t1, t2)))
                .isEqualTo(LeadStore.WriteResult.WRITTEN);
        return new TwoSteps(lead.leadId(), t1, t2);
    }

    @Test
    @DisplayName("the funnel counters of two steps of one write: one update, each exit timed from the previous step")
    void countersOfTwoStepsInOneWrite() {
        Instant entered = Instant.parse("2031-06-01T09:00:00Z");
        Instant now = entered.plus(Duration.ofDays(2)); // NEW_INBOUND for 2 days, MARKETING_ENGAGED for 0 s
        String motion = "motion-" + UUID.randomUUID();
        Lead before = newLead(entered).toBuilder().motion(motion).build();
        Transition t1 = new Transition(before.leadId(), 1, Stage.NEW_INBOUND, Stage.MARKETING_ENGAGED, now,
                Transition.AUTOMATION, "rule", "v1", List.of(), List.of(), null, "same-reason", null, "c");
        Transition t2 = new Transition(before.leadId(), 2, Stage.MARKETING_ENGAGED, Stage.MARKETING_QUALIFIED, now,
                Transition.AUTOMATION, "rule", "v1", List.of(), List.of(), null, "same-reason", null, "c");
        store.countTransitions(List.of(t1, t2), before);

        var counters = store.countersOf("2031-06-03");
        String channel = before.source().channel() == null ? "direct" : before.source().channel();
        assertThat(counters).containsEntry(String.join("|", "E", motion, channel, "MARKETING_ENGAGED"), 1L)
                .containsEntry(String.join("|", "E", motion, channel, "MARKETING_QUALIFIED"), 1L)
                .containsEntry(String.join("|", "X", motion, channel, "NEW_INBOUND", "3"), 1L)
                .containsEntry(String.join("|", "X", motion, channel, "MARKETING_ENGAGED", "0"), 1L)
                .containsEntry(String.join("|", "R", motion, channel, "rule", "same-reason"), 2L);
    }

    @Test
    @DisplayName("signals and transitions are put-if-absent: a resend is recognised")
    void putIfAbsent() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Lead lead = newLead(now);
        store.save(lead, null);
        var signal = new io.stagegate.lead.domain.Signal("sig-1", io.stagegate.lead.domain.SignalType.PAGE_VIEW, now,
                null, null, "/pricing", java.util.Set.of("pricing"), null, null, true);
        assertThat(store.putSignal(lead.leadId(), signal)).isTrue();
        assertThat(store.putSignal(lead.leadId(), signal)).isFalse();
        assertThat(store.load(lead.leadId()).orElseThrow().signals()).hasSize(1);
    }

    @Test
    @DisplayName("sweeps read only the due timers of their kind from the sparse index")
    void dueTimers() {
        Instant now = Instant.parse("2031-05-01T10:00:00Z"); // a private corner of time for this test
        Lead due = newLead(now).toBuilder().stage(Stage.SALES_ACCEPTED)
                .sla(new SlaTimer(Stage.SALES_ACCEPTED, "first-outreach", now.minusSeconds(1), 0)).build();
        Lead notYet = newLead(now).toBuilder().stage(Stage.SALES_ACCEPTED)
                .sla(new SlaTimer(Stage.SALES_ACCEPTED, "first-outreach", now.plus(Duration.ofHours(1)), 0)).build();
        Lead recycled = newLead(now).toBuilder().stage(Stage.RECYCLE)
                .followUp(new FollowUp(now.minusSeconds(5), "no_budget_timing")).build();
        store.save(due, null);
        store.save(notYet, null);
        store.save(recycled, null);

        List<String> sla = store.due("sla", now, 1000);
        assertThat(sla).contains(due.leadId()).doesNotContain(notYet.leadId(), recycled.leadId());
        assertThat(store.due("recycle", now, 1000)).contains(recycled.leadId()).doesNotContain(due.leadId());

        Lead handled = store.load(due.leadId()).orElseThrow().lead().toBuilder().sla(null).build();
        store.save(handled, null);
        assertThat(store.due("sla", now, 1000)).doesNotContain(due.leadId());
    }
}
