package io.stagegate.sales;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.aws.Json;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.Transitions;
import io.stagegate.aws.http.ApiException;
import io.stagegate.aws.http.Http;
import io.stagegate.intake.SubmissionParser;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.sales.domain.ActionOutcome;
import io.stagegate.sales.domain.ActionRequest;
import io.stagegate.sales.domain.SalesActions;
import io.stagegate.stages.domain.Contact;
import io.stagegate.stages.domain.StageEngine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading leads and their history, and the actions people take on them (API.md). */
public final class LeadsApi {

    private static final int MAX_ACTION_BYTES = 16 * 1024;
    private static final int MAX_ATTEMPTS = 10;

    private final LeadStore store;
    private final Transitions transitions;
    private final SalesActions actions;
    private final StageEngine engine;
    private final Clock clock;

    public LeadsApi(LeadStore store, Transitions transitions, StageEngine engine, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.engine = engine;
        this.actions = new SalesActions(engine);
        this.clock = clock;
    }

    private LeadStore.LeadRecord find(APIGatewayV2HTTPEvent event) {
        String leadId = Http.pathParameter(event, "leadId");
        if (!LeadIds.looksLikeLeadId(leadId)) {
            throw new ApiException(404, "LEAD_NOT_FOUND", "no lead " + leadId, "leadId");
        }
        return store.load(leadId).orElseThrow(() -> new ApiException(404, "LEAD_NOT_FOUND", "no lead " + leadId, "leadId"));
    }

    /**
     * The lead, plus what automation would decide right now and why (rule, criteria that pass and
     * fail, missing minimum fields): computed on read, so "why is this lead stuck?" costs no write.
     */
    public APIGatewayV2HTTPResponse lead(APIGatewayV2HTTPEvent event) {
        LeadStore.LeadRecord r = find(event);
        Map<String, Object> view = LeadViews.lead(r.lead());
        engine.evaluate(r.lead(), r.signals(), clock.instant()).decision()
                .ifPresent(d -> view.put("nextStage", LeadViews.decision(d)));
        return Http.json(200, view);
    }

    public APIGatewayV2HTTPResponse transitions(APIGatewayV2HTTPEvent event) {
        LeadStore.LeadRecord r = find(event);
        return Http.json(200, Map.of("leadId", r.lead().leadId(),
                "transitions", r.transitions().stream().map(LeadViews::transition).toList()));
    }

    public APIGatewayV2HTTPResponse action(APIGatewayV2HTTPEvent event) {
        ObjectNode o = SubmissionParser.toObject(jsonOnly(Http.mediaType(event)), Http.body(event, MAX_ACTION_BYTES));
        Instant now = clock.instant();
        ActionRequest req = parse(o, now);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            LeadStore.LeadRecord r = find(event);
            List<Contact> contacts = new ArrayList<>();
            store.contacts(r.lead().emailDomain()).forEach((id, role) -> contacts.add(new Contact(id, role)));
            ActionOutcome outcome = actions.decide(r.lead(), req, contacts, now);
            if (outcome instanceof ActionOutcome.Refused refused) {
                int status = refused.kind() == ActionOutcome.Kind.NOT_ALLOWED ? 409 : 422;
                throw new ApiException(status, refused.code(), refused.message(), refused.field(), refused.failed());
            }
            ActionOutcome.Applied applied = (ActionOutcome.Applied) outcome;
            boolean written = applied.transition().isPresent()
                    ? transitions.record(r.lead(), applied.lead(), applied.transition().get())
                    : store.save(applied.lead()) == LeadStore.WriteResult.WRITTEN;
            if (written) {
                transitions.publishAction(applied.lead(), req.action(), req.actor(), req.reason(),
                        applied.transition().orElse(null));
                return Http.json(200, LeadViews.lead(applied.lead().toBuilder().version(applied.lead().version() + 1).build()));
            }
        }
        throw new ApiException(409, "CONCURRENT_UPDATE", "the lead changed while deciding; retry", null);
    }

    private static String jsonOnly(String media) {
        if (media == null || !(media.equals("application/json") || media.endsWith("+json"))) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send application/json", "content-type");
        }
        return media;
    }

    @SuppressWarnings("unchecked")
    private static ActionRequest parse(ObjectNode o, Instant now) {
        String action = SubmissionParser.requiredText(o, "action");
        String actor = SubmissionParser.requiredText(o, "actor");
        String reason = SubmissionParser.text(o, "reason");
        String note = SubmissionParser.text(o, "note");
        Instant followUpAt = null;
        if (o.hasNonNull("followUpAt")) {
            JsonNode v = o.get("followUpAt");
            try {
                followUpAt = java.time.OffsetDateTime.parse(v.asText()).toInstant();
            } catch (RuntimeException e) {
                throw ApiException.invalid("followUpAt", "INVALID_DATE", "followUpAt must be ISO-8601, e.g. 2027-03-01T09:00:00Z");
            }
        }
        Map<String, Object> facts = Map.of();
        if (o.hasNonNull("facts")) {
            if (!o.get("facts").isObject() || o.get("facts").size() > 50) {
                throw ApiException.invalid("facts", "INVALID_TYPE", "facts must be an object of at most 50 entries");
            }
            facts = Json.MAPPER.convertValue(o.get("facts"), Map.class);
        }
        return new ActionRequest(action, actor, reason, followUpAt, facts, note);
    }
}
