package io.stagegate.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.aws.Components;
import io.stagegate.aws.Transitions;
import io.stagegate.aws.SqsBatch;
import io.stagegate.stages.StageProgression;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Scoring queue consumer: recomputes fit and intent once per lead per batch, stores them with
 * their explanation, and in the same pass applies the stage transitions the new scores and signals
 * allow; publishes {@code lead.scored} and {@code lead.stage-changed} in one call. (DESIGN had a
 * lead.scored → bus → queue → stage-evaluation hop here; doing both in one pass saves per lead one
 * invocation, one event, one delivery, two queue calls, a read and a write.)
 */
public final class ScoringHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Components c;
    private final StageProgression progression;

    public ScoringHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public ScoringHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public ScoringHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.EVENT_BUS_NAME), clock);
        this.progression = new StageProgression(c.store(), c.engine(), new Transitions(c.store(), c.publisher()),
                c.publisher());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.byLead(event, Wiring.SCORING.name(), SqsBatch::leadId, (leadId, messages) -> {
            // SQS message ids are stable across redeliveries: they are the causation of what this does
            List<String> ids = messages.stream().map(SqsBatch.Received::messageId).toList();
            progression.advance(leadId, StageProgression.ids(ids), ids.get(ids.size() - 1), true, c.clock().instant());
        });
    }
}
