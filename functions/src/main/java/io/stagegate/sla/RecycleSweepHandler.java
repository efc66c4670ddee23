package io.stagegate.sla;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.stagegate.aws.Components;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.Transitions;
import io.stagegate.aws.http.Logs;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Transition;
import io.stagegate.stages.domain.Decision;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled: leads whose follow-up date has come return from RECYCLE to MARKETING_ENGAGED with a
 * transition that names the sweep and the original recycle reason. Reads only the due timers.
 */
public final class RecycleSweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final int MAX_PER_RUN = 1_000;

    private final Components c;
    private final Transitions transitions;

    public RecycleSweepHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public RecycleSweepHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public RecycleSweepHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.EVENT_BUS_NAME), clock);
        this.transitions = new Transitions(c.store(), c.publisher());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Instant now = c.clock().instant();
        List<String> due = c.store().due("recycle", now, MAX_PER_RUN);
        int returned = 0;
        int failed = 0;
        for (String leadId : due) {
            try {
                returned += returnToFunnel(leadId, now) ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                Logs.log(Map.of("level", "ERROR", "function", Wiring.RECYCLE_SWEEP.name(), "leadId", leadId,
                        "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("due", due.size());
        result.put("returned", returned);
        result.put("failed", failed);
        return result;
    }

    private boolean returnToFunnel(String leadId, Instant now) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            LeadStore.LeadRecord r = c.store().load(leadId).orElse(null);
            if (r == null) {
                return false;
            }
            Optional<Decision> decision = c.engine().recycleReturn(r.lead(), now);
            if (decision.isEmpty()) {
                return false;
            }
            String causation = "recycle-sweep:" + r.lead().followUp().dueAt().toEpochMilli();
            Transition t = decision.get().toTransition(r.lead(), now, causation);
            Lead next = c.engine().apply(r.lead(), t);
            if (transitions.record(r.lead(), next, t)) {
                transitions.publish(next, List.of(t));
                return true;
            }
        }
        throw new IllegalStateException("lead " + leadId + " kept changing during the recycle sweep");
    }
}
