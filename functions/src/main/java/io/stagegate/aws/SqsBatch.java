package io.stagegate.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.http.Logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partial batch responses: messages are grouped by lead (a lead is processed once per batch,
 * however many messages name it); a failing lead fails only its own messages, which SQS
 * redelivers and eventually moves to the DLQ, while the rest of the batch is done.
 */
public final class SqsBatch {

    private SqsBatch() {
    }

    /** One SQS record: its message id (stable across redeliveries) and its parsed body. */
    public record Received(String messageId, JsonNode body) {
    }

    public interface LeadWork {
        /** @param messages the batch's records that name this lead, in batch order */
        void process(String leadId, List<Received> messages) throws Exception;
    }

    /** {@code leadIdOf} extracts the lead id from a parsed message body; null marks a poison message. */
    public static SQSBatchResponse byLead(SQSEvent event, String function, java.util.function.Function<JsonNode, String> leadIdOf,
                                          LeadWork work) {
        Map<String, List<SQSEvent.SQSMessage>> byLead = new LinkedHashMap<>();
        Map<String, List<Received>> bodies = new LinkedHashMap<>();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String leadId;
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(m.getBody());
                leadId = leadIdOf.apply(body);
            } catch (Exception e) {
                body = null;
                leadId = null;
            }
            if (leadId == null) {
                log(function, m.getMessageId(), null, "poison message: no lead id in the body");
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                continue;
            }
            byLead.computeIfAbsent(leadId, k -> new ArrayList<>()).add(m);
            bodies.computeIfAbsent(leadId, k -> new ArrayList<>()).add(new Received(m.getMessageId(), body));
        }
        for (Map.Entry<String, List<SQSEvent.SQSMessage>> e : byLead.entrySet()) {
            try {
                work.process(e.getKey(), bodies.get(e.getKey()));
                log(function, e.getValue().get(0).getMessageId(), e.getKey(), null);
            } catch (Exception ex) {
                log(function, e.getValue().get(0).getMessageId(), e.getKey(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
                e.getValue().forEach(m -> failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId())));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static void log(String function, String messageId, String leadId, String error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("level", error == null ? "INFO" : "ERROR");
        line.put("function", function);
        line.put("correlationId", messageId);
        if (leadId != null) {
            line.put("leadId", leadId);
        }
        if (error != null) {
            line.put("error", error);
        }
        Logs.log(line);
    }

    /** The lead id of an EventBridge envelope ({@code detail.leadId}) or of a plain message. */
    public static String leadId(JsonNode body) {
        JsonNode id = body.has("detail") ? body.path("detail").path("leadId") : body.path("leadId");
        return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    }
}
