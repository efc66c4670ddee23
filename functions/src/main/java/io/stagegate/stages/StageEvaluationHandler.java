package io.stagegate.stages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.aws.Components;
import io.stagegate.aws.SqsBatch;
import io.stagegate.aws.Transitions;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Stage evaluation queue consumer (fed by {@code sales.action-recorded}): re-evaluates the lead's
 * automated stage after a person's action, through the same {@link StageProgression} the scoring
 * handler uses, idempotent on the causing event id.
 */
public final class StageEvaluationHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Components c;
    private final StageProgression progression;

    public StageEvaluationHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public StageEvaluationHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public StageEvaluationHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.EVENT_BUS_NAME), clock);
        this.progression = new StageProgression(c.store(), c.engine(), new Transitions(c.store(), c.publisher()),
                c.publisher());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.byLead(event, Wiring.STAGE_EVALUATION.name(), SqsBatch::leadId, (leadId, events) -> {
            // EventBridge event ids are stable across SQS redeliveries: they are the causation
            List<String> ids = events.stream().map(e -> e.body().path("id").asText(null)).toList();
            progression.advance(leadId, StageProgression.ids(ids), ids.get(ids.size() - 1), false, c.clock().instant());
        });
    }
}
