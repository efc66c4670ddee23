package io.stagegate.stages;

import io.stagegate.aws.EventPublisher;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.Transitions;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Transition;
import io.stagegate.stages.domain.Evaluation;
import io.stagegate.stages.domain.StageEngine;
import io.stagegate.wiring.Wiring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a lead and moves it as far as the automated rules allow, in one conditional snapshot write
 * for all steps; when nothing moves, stores changed scores. Publishes what it did in one PutEvents
 * call. Shared by the scoring handler (which does it all in one pass: no lead.scored round trip
 * through the bus and a second queue) and the stage-evaluation handler (sales actions).
 *
 * <p>Idempotent: each transition carries the id of the message that caused it. A redelivery (any
 * grouping or order) finds those transitions and publishes them again — consumers dedupe by
 * transition id — so a crash between the write and the publish loses nothing and doubles nothing.
 */
public final class StageProgression {

    private static final int ATTEMPTS = 20;

    private final LeadStore store;
    private final StageEngine engine;
    private final Transitions transitions;
    private final EventPublisher publisher;

    public StageProgression(LeadStore store, StageEngine engine, Transitions transitions, EventPublisher publisher) {
        this.store = store;
        this.engine = engine;
        this.transitions = transitions;
        this.publisher = publisher;
    }

    /**
     * @param causationIds every id (message or event) that asked for this lead in this batch
     * @param causation    the id the new transitions record
     * @param scoring      true for the scoring step: store changed scores and announce lead.scored
     */
    public void advance(String leadId, Set<String> causationIds, String causation, boolean scoring, Instant now) {
        Map<String, Transition> toPublish = new LinkedHashMap<>();
        Lead lead = null;
        Evaluation last = null;
        boolean firstRead = true;
        boolean settled = false;
        boolean rescored = false;
        int made = 0;
        for (int attempt = 1; attempt <= ATTEMPTS && !settled; attempt++) {
            LeadStore.LeadRecord r = store.load(leadId).orElseThrow(() -> new IllegalStateException("no lead " + leadId));
            lead = r.lead();
            if (firstRead) {
                firstRead = false;
                // a redelivery: our writes happened, the publish may not have; then evaluate on, as a
                // new message batched with the redelivered one still needs its decision
                r.transitions().stream().filter(t -> causationIds.contains(t.causationId()))
                        .forEach(t -> toPublish.put(t.transitionId(), t));
            }
            // every step automation allows, decided on this one read: the signals do not change
            // between steps, so re-reading after each step only cost a query and a snapshot write
            StageEngine.Advance a = engine.advance(lead, r.signals(), now, causation);
            last = a.last();
            if (a.transitions().isEmpty()) {
                if (!scoring || sameScores(lead, a.lead())) {
                    settled = true; // nothing to write: an unchanged snapshot costs a write for nothing
                } else if (store.save(a.lead()) == LeadStore.WriteResult.WRITTEN) {
                    lead = a.lead();
                    settled = true;
                    rescored = true;
                }
                continue;
            }
            // one conditional snapshot write carrying all steps (else re-read and decide again)
            if (transitions.record(lead, a.lead(), a.transitions())) {
                made += a.transitions().size();
                a.transitions().forEach(t -> toPublish.put(t.transitionId(), t));
                lead = a.lead();
                settled = true;
            }
        }
        if (!settled) {
            throw new IllegalStateException("lead " + leadId + " kept changing; gave up after " + ATTEMPTS + " attempts");
        }
        List<EventPublisher.Event> events = new ArrayList<>();
        if (scoring && (rescored || made > 0)) {
            // announced when scores were stored (with a transition or alone); an unchanged score
            // (e.g. already computed at intake) is no news and costs an event for nothing
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("leadId", leadId);
            detail.put("fitScore", last.scores().fit());
            detail.put("intentScore", last.scores().intent());
            detail.put("stage", lead.stage().name());
            detail.put("causationId", causation);
            detail.put("scoredAt", now.toString());
            events.add(new EventPublisher.Event(Wiring.DetailType.LEAD_SCORED, detail));
        }
        for (Transition t : toPublish.values()) {
            events.add(new EventPublisher.Event(Wiring.DetailType.LEAD_STAGE_CHANGED, Transitions.stageChanged(lead, t)));
        }
        if (!events.isEmpty()) {
            publisher.publish(events);
        }
    }

    private static boolean sameScores(Lead before, Lead after) {
        return before.scores().computedAt() != null
                && before.scores().fit() == after.scores().fit()
                && before.scores().intent() == after.scores().intent()
                && before.useCases().equals(after.useCases())
                && before.frameworks().equals(after.frameworks());
    }

    /** The distinct non-blank ids, in order. */
    public static Set<String> ids(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                out.add(id);
            }
        }
        return out;
    }
}
