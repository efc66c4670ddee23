package io.stagegate.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stagegate.aws.Components;
import io.stagegate.aws.EventPublisher;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.SqsBatch;
import io.stagegate.lead.domain.Lead;
import io.stagegate.stages.domain.Evaluation;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Scoring queue consumer: recomputes fit and intent once per lead per batch, stores them with
 * their explanation, publishes {@code lead.scored}.
 */
public final class ScoringHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Components c;

    public ScoringHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public ScoringHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public ScoringHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.EVENT_BUS_NAME), clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.byLead(event, Wiring.SCORING.name(), SqsBatch::leadId, (leadId, messages) -> {
            Instant now = c.clock().instant();
            for (int attempt = 1; ; attempt++) {
                LeadStore.LeadRecord r = c.store().load(leadId)
                        .orElseThrow(() -> new IllegalStateException("no lead " + leadId));
                Evaluation e = c.engine().score(r.lead(), r.signals(), now);
                Lead scored = c.engine().withEvaluation(r.lead(), e);
                if (c.store().save(scored, r.lastTransition()) == LeadStore.WriteResult.WRITTEN) {
                    String causation = messages.get(messages.size() - 1).path("causationId").asText(leadId);
                    c.publisher().publish(List.of(new EventPublisher.Event(Wiring.DetailType.LEAD_SCORED, Map.of(
                            "leadId", leadId, "fitScore", e.scores().fit(), "intentScore", e.scores().intent(),
                            "causationId", causation, "scoredAt", now.toString()))));
                    return;
                }
                if (attempt >= 10) {
                    throw new IllegalStateException("lead " + leadId + " kept changing while scoring");
                }
            }
        });
    }
}
