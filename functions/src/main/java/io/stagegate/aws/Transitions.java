package io.stagegate.aws;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Transition;
import io.stagegate.wiring.Wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a stage change the one way every writer must: the snapshot (conditional on version,
 * carrying the transition), then the log entry, the funnel counter, then the event. Consumers
 * dedupe the event by transition id, so re-publishing after a crash is safe.
 */
public final class Transitions {

    private final LeadStore store;
    private final EventPublisher publisher;

    public Transitions(LeadStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    /**
     * @param before the lead as read (its stage-entry time gives the time-in-stage counters)
     * @return false when someone else changed the lead first (re-read and decide again)
     */
    public boolean record(Lead before, Lead next, Transition t) {
        return record(before, next, List.of(t));
    }

    /**
     * Several steps of one decision (automation's NEW_INBOUND → MARKETING_ENGAGED →
     * MARKETING_QUALIFIED) in one conditional snapshot write that carries them all, then their log
     * entries in order and their funnel counters.
     *
     * @param made the transitions in order; {@code next} is the lead after the last of them
     */
    public boolean record(Lead before, Lead next, List<Transition> made) {
        if (store.saveCarrying(next, made) == LeadStore.WriteResult.CONFLICT) {
            return false;
        }
        // a log entry may already exist (a lost response on a retried put); the conditional
        // snapshot write above succeeds once per transition, so it is the one place to count them
        made.forEach(store::appendTransition);
        store.countTransitions(made, before);
        return true;
    }

    public void publish(Lead lead, List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        publisher.publish(transitions.stream().map(t -> new EventPublisher.Event(Wiring.DetailType.LEAD_STAGE_CHANGED,
                stageChanged(lead, t))).toList());
    }

    /**
     * A person's action: {@code sales.action-recorded} (stage evaluation listens to it) and, when it
     * moved the lead, {@code lead.stage-changed} — one PutEvents call.
     */
    public void publishAction(Lead lead, String action, String actor, String reason, Transition t) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("leadId", lead.leadId());
        recorded.put("action", action);
        recorded.put("actor", actor);
        recorded.put("reason", reason);
        recorded.put("stage", lead.stage().name());
        recorded.put("transitionId", t == null ? null : t.transitionId());
        List<EventPublisher.Event> events = new java.util.ArrayList<>();
        events.add(new EventPublisher.Event(Wiring.DetailType.SALES_ACTION_RECORDED, recorded));
        if (t != null) {
            events.add(new EventPublisher.Event(Wiring.DetailType.LEAD_STAGE_CHANGED, stageChanged(lead, t)));
        }
        publisher.publish(events);
    }

    public static Map<String, Object> stageChanged(Lead lead, Transition t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("leadId", t.leadId());
        d.put("transitionId", t.transitionId());
        d.put("seq", t.seq());
        d.put("from", t.from().name());
        d.put("to", t.to().name());
        d.put("rule", t.rule());
        d.put("actor", t.actor());
        d.put("motion", lead.motion());
        d.put("at", t.at().toString());
        return d;
    }
}
