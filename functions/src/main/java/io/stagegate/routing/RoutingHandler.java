package io.stagegate.routing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Components;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.SqsBatch;
import io.stagegate.lead.domain.Assignment;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.routing.domain.Router;
import io.stagegate.routing.domain.RoutingDecision;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routing queue consumer (fed by {@code lead.stage-changed} for stages that need an owner): picks
 * team and owner with fair rotation stored in DynamoDB, records the assignment, and sends the
 * sales notification of API.md to the team's queue. A redelivery re-sends the notification for the
 * same transition id (consumers dedupe on it) and never assigns twice.
 */
public final class RoutingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Components c;
    private final Router router;
    private final FairAssignment fairAssignment;

    public RoutingHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public RoutingHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public RoutingHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.SALES_QUEUE_URL_PREFIX), clock);
        this.router = new Router(c.model());
        this.fairAssignment = new FairAssignment(c.store());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.byLead(event, Wiring.ROUTING.name(), SqsBatch::leadId, (leadId, events) -> {
            for (SqsBatch.Received e : events) {
                route(leadId, e.body().path("detail"));
            }
        });
    }

    private void route(String leadId, JsonNode detail) {
        String transitionId = detail.path("transitionId").asText();
        Stage to = Stage.parse(detail.path("to").asText());
        Instant now = c.clock().instant();
        for (int attempt = 1; attempt <= 20; attempt++) {
            LeadStore.LeadRecord r = c.store().load(leadId).orElseThrow(() -> new IllegalStateException("no lead " + leadId));
            Lead lead = r.lead();
            if (lead.assignment() != null && transitionId.equals(lead.assignment().transitionId())) {
                notifyTeam(lead, transitionId, List.of("re-sent after redelivery"));
                return;
            }
            if (lead.stage() != to || !transitionId.equals(io.stagegate.lead.domain.Transition.transitionId(leadId, lead.transitions()))) {
                return; // the lead has moved on since; this event is history
            }
            if (!router.routes(to)) {
                return;
            }
            RoutingDecision d = fairAssignment.assign(state -> router.route(lead, to, state, Set.of()).orElseThrow());
            Lead assigned = lead.toBuilder().assignment(new Assignment(d.team(), d.owner(), now, transitionId))
                    .status("WORKING").updatedAt(now).build();
            if (c.store().save(assigned) == LeadStore.WriteResult.WRITTEN) {
                notifyTeam(assigned, transitionId, d.reasons());
                return;
            }
        }
        throw new IllegalStateException("could not assign lead " + leadId + " after retries");
    }

    private void notifyTeam(Lead lead, String transitionId, List<String> reasons) {
        c.sender().send(c.config().salesQueueUrl(lead.assignment().team()), notification(lead, transitionId, transitionId, reasons));
    }

    /**
     * The sales notification message of API.md. {@code notificationId} (an addition to the v1
     * message) is what consumers dedupe on: the transition id for the routing itself, and a
     * distinct id for each SLA reassignment of that same transition, which a consumer deduping on
     * the transition id alone would drop.
     */
    public static Map<String, Object> notification(Lead lead, String transitionId, String notificationId,
                                                   List<String> reasons) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("type", "lead.routed");
        msg.put("leadId", lead.leadId());
        msg.put("stage", lead.stage().name());
        msg.put("team", lead.assignment().team());
        msg.put("owner", lead.assignment().owner());
        msg.put("useCase", Router.routingUseCase(lead));
        msg.put("motion", lead.motion());
        msg.put("slaDueAt", lead.sla() == null ? null : lead.sla().dueAt().toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("email", lead.email());
        summary.put("company", lead.company().name());
        summary.put("jobTitle", lead.person().jobTitle());
        summary.put("fitScore", lead.scores().fit());
        summary.put("intentScore", lead.scores().intent());
        msg.put("lead", summary);
        msg.put("reasons", reasons);
        msg.put("transitionId", transitionId);
        msg.put("notificationId", notificationId);
        if (lead.partner() != null) {
            msg.put("partner", Map.of("partnerId", lead.partner().partnerId(), "prequalified", lead.partner().prequalified()));
        }
        return msg;
    }
}
