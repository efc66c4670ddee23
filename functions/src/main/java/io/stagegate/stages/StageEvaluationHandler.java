package io.stagegate.stages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Components;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.SqsBatch;
import io.stagegate.aws.Transitions;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Transition;
import io.stagegate.stages.domain.Evaluation;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage evaluation queue consumer (fed by {@code lead.scored} events): applies the engine's
 * transitions one conditional write at a time and publishes {@code lead.stage-changed}.
 * Idempotent: transitions carry the causing event id, so a redelivery after a crash between the
 * write and the publish finds them and publishes them again instead of losing them.
 */
public final class StageEvaluationHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Components c;
    private final Transitions transitions;

    public StageEvaluationHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public StageEvaluationHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public StageEvaluationHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.EVENT_BUS_NAME), clock);
        this.transitions = new Transitions(c.store(), c.publisher());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.byLead(event, Wiring.STAGE_EVALUATION.name(), SqsBatch::leadId, this::evaluate);
    }

    private void evaluate(String leadId, List<JsonNode> events) {
        String causation = events.get(events.size() - 1).path("id").asText(null);
        // a redelivery may group or order the lead's events differently from the first delivery,
        // so any of their ids can be the one the earlier transitions carry
        java.util.Set<String> eventIds = new java.util.HashSet<>();
        events.forEach(ev -> {
            if (ev.path("id").isTextual()) {
                eventIds.add(ev.path("id").asText());
            }
        });
        Instant now = c.clock().instant();
        List<Transition> made = new ArrayList<>();
        Lead lead = null;
        boolean firstRead = true;
        for (int attempt = 1; attempt <= 20 && made.size() < 3; attempt++) {
            LeadStore.LeadRecord r = c.store().load(leadId).orElseThrow(() -> new IllegalStateException("no lead " + leadId));
            lead = r.lead();
            if (firstRead && !eventIds.isEmpty()) {
                firstRead = false;
                List<Transition> earlier = r.transitions().stream().filter(t -> eventIds.contains(t.causationId())).toList();
                if (!earlier.isEmpty()) {
                    // redelivery: our writes happened, the publish may not have. Then evaluate on:
                    // a new event batched with the redelivered one still gets its decision.
                    transitions.publish(lead, earlier);
                }
            }
            Evaluation e = c.engine().evaluate(lead, r.signals(), now);
            if (!e.moves()) {
                break;
            }
            Lead scored = c.engine().withEvaluation(lead, e);
            Transition t = e.decision().get().toTransition(scored, now, causation);
            Lead next = c.engine().apply(scored, t);
            if (transitions.record(lead, next, t)) {
                made.add(t);
                lead = next;
                attempt = 0; // the next step starts from a fresh read, with its own retries
            }
        }
        transitions.publish(lead, made);
    }
}
