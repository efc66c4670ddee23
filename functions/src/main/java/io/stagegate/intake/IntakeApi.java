package io.stagegate.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.aws.http.ApiException;
import io.stagegate.aws.http.Http;
import io.stagegate.intake.domain.Normaliser;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The HTTP contract of intake (API.md): parsing, validation, status codes. */
public final class IntakeApi {

    public static final int MAX_SUBMISSION_BYTES = 16 * 1024;
    public static final int MAX_SIGNALS_BYTES = 256 * 1024;
    public static final int MAX_SIGNALS = 100;

    private final IntakeService service;
    private final Normaliser normaliser;
    private final Clock clock;

    public IntakeApi(IntakeService service, Normaliser normaliser, Clock clock) {
        this.service = service;
        this.normaliser = normaliser;
        this.clock = clock;
    }

    public APIGatewayV2HTTPResponse submission(APIGatewayV2HTTPEvent event) {
        String body = Http.body(event, MAX_SUBMISSION_BYTES);
        ObjectNode o = SubmissionParser.toObject(Http.mediaType(event), body);
        Instant now = clock.instant();
        if (SubmissionParser.isSpam(o)) {
            // look accepted so bots learn nothing; store nothing
            return Http.json(202, Map.of("leadId", "", "submissionId", "", "duplicate", false));
        }
        var s = SubmissionParser.parse(o, Http.header(event, "idempotency-key"), now);
        var accepted = service.submit(s, now);
        return Http.json(202, Map.of("leadId", accepted.leadId(), "submissionId", accepted.submissionId(),
                "duplicate", accepted.duplicate()));
    }

    /** SnapStart priming: a form's path up to the store — parse, validate, normalise, answer — storing nothing. */
    public void prime() {
        Instant now = clock.instant();
        var s = SubmissionParser.parse(SubmissionParser.toObject("application/json", PRIMING_FORM), null, now);
        normaliser.apply(null, s, now);
        normaliser.formSignal(s);
        Http.json(202, Map.of("leadId", "", "submissionId", s.submissionId(), "duplicate", false));
    }

    private static final String PRIMING_FORM = "{\"formType\":\"demo_request\",\"email\":\"priming@stagegate.invalid\","
            + "\"firstName\":\"Priming\",\"company\":\"Stagegate\",\"jobTitle\":\"CISO\",\"country\":\"US\","
            + "\"industry\":\"Financial Services\",\"companySize\":2500,\"consent\":true}";

    public APIGatewayV2HTTPResponse signals(APIGatewayV2HTTPEvent event) {
        String body = Http.body(event, MAX_SIGNALS_BYTES);
        String media = Http.mediaType(event);
        if (media == null || !(media.equals("application/json") || media.endsWith("+json"))) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send application/json", "content-type");
        }
        JsonNode root = SubmissionParser.parseJson(body);
        if (!root.isArray()) {
            throw new ApiException(400, "MALFORMED_BODY", "the body must be a JSON array of signals", null);
        }
        if (root.size() > MAX_SIGNALS) {
            throw new ApiException(413, "TOO_MANY_SIGNALS", "at most " + MAX_SIGNALS + " signals per request; got "
                    + root.size(), null);
        }
        Instant now = clock.instant();
        int accepted = 0;
        int duplicates = 0;
        List<Map<String, Object>> rejected = new ArrayList<>();
        Set<String> leadsToScore = new LinkedHashSet<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                JsonNode item = root.get(i);
                if (!item.isObject()) {
                    throw ApiException.invalid(null, "INVALID_TYPE", "each signal must be a JSON object");
                }
                ParsedSignal p = parseSignal((ObjectNode) item, now);
                boolean exists = known.computeIfAbsent(p.leadId(), service::leadExists);
                if (!exists) {
                    throw new ApiException(422, "UNKNOWN_LEAD", "no lead for this " + p.keyField()
                            + "; submit a form first", p.keyField());
                }
                if (service.signal(p.leadId(), p.signal())) {
                    accepted++;
                } else {
                    duplicates++;
                }
                // a resend is scored again too (idempotent): the first attempt may have stored the
                // signal and failed before asking for scoring, or the store's answer to it was lost
                // and the retried put-if-absent reports our own write as a duplicate
                leadsToScore.add(p.leadId());
            } catch (ApiException e) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("code", e.code());
                err.put("message", e.getMessage());
                if (e.field() != null) {
                    err.put("field", e.field());
                }
                rejected.add(Map.of("index", i, "error", err));
            }
        }
        for (String leadId : leadsToScore) {
            service.requestScoring(leadId, "signals:" + leadId + ":" + now.toEpochMilli());
        }
        return Http.json(202, Map.of("accepted", accepted, "duplicates", duplicates, "rejected", rejected));
    }

    private static final java.util.regex.Pattern SIGNAL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private record ParsedSignal(String leadId, String keyField, Signal signal) {
    }

    private ParsedSignal parseSignal(ObjectNode o, Instant now) {
        String signalId = SubmissionParser.requiredText(o, "signalId");
        if (!SIGNAL_ID.matcher(signalId).matches()) {
            throw ApiException.invalid("signalId", "INVALID_SIGNAL_ID",
                    "signalId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        String email = SubmissionParser.text(o, "email");
        String leadId = SubmissionParser.text(o, "leadId");
        String keyField;
        if (leadId != null) {
            if (!LeadIds.looksLikeLeadId(leadId)) {
                throw ApiException.invalid("leadId", "INVALID_LEAD_ID", "leadId must look like ld_ followed by 24 hex digits");
            }
            keyField = "leadId";
        } else if (email != null) {
            // validated like a submission's: an invalid address is not "an unknown lead"
            leadId = LeadIds.fromEmail(SubmissionParser.email(email, "email"));
            keyField = "email";
        } else {
            throw ApiException.invalid("email", "FIELD_REQUIRED", "each signal needs email or leadId");
        }
        String typeName = SubmissionParser.requiredText(o, "type");
        SignalType type = SignalType.fromWire(typeName);
        if (type == null || type == SignalType.FORM_SUBMISSION) {
            throw ApiException.invalid("type", "UNKNOWN_SIGNAL_TYPE",
                    "type must be page_view, content_view, webinar_attended, email_click or trial_activity");
        }
        String path = SubmissionParser.text(o, "path");
        String asset = SubmissionParser.text(o, "asset");
        if (path == null && asset == null) {
            throw ApiException.invalid("path", "FIELD_REQUIRED", "each signal needs path or asset");
        }
        if (path != null && !path.startsWith("/")) {
            throw ApiException.invalid("path", "INVALID_PATH", "path must start with /");
        }
        Instant occurredAt = SubmissionParser.instant(o, "occurredAt", now);
        return new ParsedSignal(leadId, keyField, normaliser.signal(signalId, type, path, asset, occurredAt, null));
    }
}
