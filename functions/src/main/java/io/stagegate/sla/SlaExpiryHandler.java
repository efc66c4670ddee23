package io.stagegate.sla;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.stagegate.aws.Components;
import io.stagegate.aws.EventPublisher;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.http.Logs;
import io.stagegate.lead.domain.Assignment;
import io.stagegate.lead.domain.Lead;
import io.stagegate.model.domain.RoutingModel;
import io.stagegate.model.domain.SlaPolicy;
import io.stagegate.routing.RoutingHandler;
import io.stagegate.routing.FairAssignment;
import io.stagegate.routing.domain.Router;
import io.stagegate.routing.domain.RoutingDecision;
import io.stagegate.sla.domain.SlaClock;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scheduled: reads only the due SLA timers (sparse index), and for each breach escalates as the
 * model says — reassign to the next person in the team, or notify the manager queue — records the
 * breach, re-arms the timer for one more window, and publishes {@code lead.sla-breached}.
 */
public final class SlaExpiryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final int MAX_PER_RUN = 1_000;

    private final Components c;
    private final Router router;
    private final FairAssignment fairAssignment;

    public SlaExpiryHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public SlaExpiryHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public SlaExpiryHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME, Wiring.Env.EVENT_BUS_NAME,
                Wiring.Env.SALES_QUEUE_URL_PREFIX, Wiring.Env.ESCALATION_QUEUE_URL), clock);
        this.router = new Router(c.model());
        this.fairAssignment = new FairAssignment(c.store());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Instant now = c.clock().instant();
        List<String> due = c.store().due("sla", now, MAX_PER_RUN);
        int breached = 0;
        int failed = 0;
        for (String leadId : due) {
            try {
                breached += escalate(leadId, now) ? 1 : 0;
            } catch (RuntimeException e) {
                failed++; // the timer stays due: the next run tries again
                Logs.log(Map.of("level", "ERROR", "function", Wiring.SLA_EXPIRY.name(), "leadId", leadId,
                        "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("due", due.size());
        result.put("breached", breached);
        result.put("failed", failed);
        // EMF: the SlaBreaches metric the stack's alarm watches
        Logs.log(Map.of("_aws", Map.of("Timestamp", now.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", "Stagegate", "Dimensions", List.of(List.of()),
                "Metrics", List.of(Map.of("Name", "SlaBreaches", "Unit", "Count"))))), "SlaBreaches", breached));
        return result;
    }

    private boolean escalate(String leadId, Instant now) {
        SlaClock clock = c.engine().slaClock();
        for (int attempt = 1; attempt <= 10; attempt++) {
            LeadStore.LeadRecord r = c.store().load(leadId).orElse(null);
            if (r == null || r.lead().sla() == null || r.lead().sla().dueAt().isAfter(now)) {
                return false; // handled meanwhile, or the index entry is older than the lead
            }
            Lead lead = r.lead();
            SlaClock.Breach breach = clock.breach(lead.sla(), now);
            Lead.Builder next = lead.toBuilder().sla(breach.rearmed()).updatedAt(now)
                    .fact("slaBreaches", ((Number) lead.facts().getOrDefault("slaBreaches", 0)).intValue() + 1);
            RoutingDecision reassigned = null;
            if (breach.step() == SlaPolicy.Escalation.REASSIGN && lead.assignment() != null) {
                reassigned = fairAssignment.assign(state -> router.reassign(lead, state, Set.of()));
                next.assignment(new Assignment(lead.assignment().team(), reassigned.owner(), now,
                        lead.assignment().transitionId()));
            }
            Lead updated = next.build();
            if (c.store().save(updated) != LeadStore.WriteResult.WRITTEN) {
                continue;
            }
            c.store().countBreach(lead, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("leadId", leadId);
            detail.put("stage", lead.stage().name());
            detail.put("sla", lead.sla().name());
            detail.put("dueAt", lead.sla().dueAt().toString());
            detail.put("breachedAt", now.toString());
            detail.put("escalation", breach.step().name().toLowerCase().replace('_', '-'));
            detail.put("escalations", breach.rearmed().escalations());
            detail.put("team", lead.assignment() == null ? null : lead.assignment().team());
            detail.put("previousOwner", lead.assignment() == null ? null : lead.assignment().owner());
            detail.put("owner", updated.assignment() == null ? null : updated.assignment().owner());
            c.publisher().publish(List.of(new EventPublisher.Event(Wiring.DetailType.LEAD_SLA_BREACHED, detail)));
            if (reassigned != null) {
                c.sender().send(c.config().salesQueueUrl(updated.assignment().team()),
                        RoutingHandler.notification(updated, updated.assignment().transitionId(),
                                updated.assignment().transitionId() + "/reassigned-" + breach.rearmed().escalations(),
                                reassigned.reasons()));
            } else {
                Map<String, Object> msg = new LinkedHashMap<>(detail);
                msg.put("type", "lead.sla-breached");
                RoutingModel.Team team = lead.assignment() == null ? null : c.model().routing().teams().get(lead.assignment().team());
                msg.put("manager", team == null ? null : team.manager());
                c.sender().send(c.config().escalationQueueUrl(), msg);
            }
            return true;
        }
        throw new IllegalStateException("lead " + leadId + " kept changing during SLA escalation");
    }
}
