package io.stagegate.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.Json;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA timers and the recycle sweep end to end, with time moved by the test (no sleeping):
 * the scheduled functions are fired by hand at the instant the test sets.
 */
class TimersEndToEndTest {

    /** A Tuesday, 10:00 UTC: inside the default model's business hours. */
    static final Instant TUESDAY = Instant.parse("2026-12-01T10:00:00Z");

    Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(TUESDAY);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    String mql(String who) {
        String email = Pipeline.email(who, "northbank.example");
        String leadId = pipeline.submit("{\"formType\":\"demo_request\",\"email\":\"" + email + "\",\"company\":\"Northbank\","
                + "\"jobTitle\":\"CISO\",\"country\":\"US\",\"industry\":\"Financial Services\",\"companySize\":4200,"
                + "\"asset\":\"detections-overview\"}");
        pipeline.pageViews(email, "/platform/detections");
        pipeline.awaitStage(leadId, "MARKETING_QUALIFIED");
        pipeline.awaitRouted("sdr", leadId, "MARKETING_QUALIFIED");
        return leadId;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> sweep(Wiring.FunctionDef function) {
        return (Map<String, Object>) pipeline.runtime.runScheduleNow(function.name());
    }

    @Test
    @DisplayName("an MQL not accepted within 8 business hours is reassigned, then escalated to the manager queue; breaches are recorded")
    void slaBreachEscalates() {
        String leadId = mql("slow");
        JsonNode lead = pipeline.lead(leadId);
        String firstOwner = lead.path("owner").asText();
        assertThat(Instant.parse(lead.path("slaDueAt").asText())).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));

        pipeline.clock.set(Instant.parse("2026-12-02T09:59:00Z"));
        assertThat(sweep(Wiring.SLA_EXPIRY).get("breached")).isEqualTo(0);

        pipeline.clock.set(Instant.parse("2026-12-02T10:01:00Z"));
        assertThat(sweep(Wiring.SLA_EXPIRY).get("breached")).isEqualTo(1);
        lead = pipeline.lead(leadId);
        assertThat(lead.path("owner").asText()).isNotEqualTo(firstOwner).isIn("sam.sdr", "sofia.sdr");
        assertThat(lead.path("facts").path("slaBreaches").asInt()).isEqualTo(1);
        List<JsonNode> sdrMessages = pipeline.routedTo("sdr", leadId);
        assertThat(sdrMessages).extracting(m -> m.path("owner").asText()).contains(firstOwner, lead.path("owner").asText());
        // the reassignment is about the same transition but is a new notification: consumers dedupe on notificationId
        assertThat(sdrMessages).extracting(m -> m.path("notificationId").asText()).doesNotHaveDuplicates();
        assertThat(sdrMessages).extracting(m -> m.path("transitionId").asText()).containsOnly(sdrMessages.get(0).path("transitionId").asText());
        assertThat(Instant.parse(lead.path("slaDueAt").asText())).isAfter(Instant.parse("2026-12-02T10:01:00Z"));

        assertThat(sweep(Wiring.SLA_EXPIRY).get("breached")).as("a breach is handled once per window").isEqualTo(0);

        pipeline.clock.set(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(sweep(Wiring.SLA_EXPIRY).get("breached")).isEqualTo(1);
        List<String> escalations = pipeline.runtime.standIns().receiveBodies(Wiring.ESCALATION_QUEUE.name(), 10, 2);
        assertThat(escalations).hasSize(1);
        JsonNode escalation = Json.read(escalations.get(0), JsonNode.class);
        assertThat(escalation.path("leadId").asText()).isEqualTo(leadId);
        assertThat(escalation.path("escalation").asText()).isEqualTo("notify-manager");
        assertThat(escalation.path("manager").asText()).isEqualTo("maria.sdr-manager");

        JsonNode funnel = pipeline.get("/v1/reports/funnel?from=2026-12-01&to=2026-12-04").body();
        assertThat(funnel.path("slaBreaches").asLong()).isEqualTo(2);
        assertThat(funnel.path("stages").path("MARKETING_QUALIFIED").path("slaBreaches").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("SALES_ACCEPTED starts the first-outreach timer and recording the outreach stops it")
    void firstOutreachStopsTheTimer() {
        String leadId = mql("fast");
        JsonNode accepted = pipeline.action(leadId, Map.of("action", "accept", "actor", "sam.sdr")).body();
        assertThat(accepted.path("stage").asText()).isEqualTo("SALES_ACCEPTED");
        assertThat(Instant.parse(accepted.path("slaDueAt").asText())).isEqualTo(TUESDAY.plus(Duration.ofHours(24)));

        JsonNode reached = pipeline.action(leadId, Map.of("action", "record_outreach", "actor", "sam.sdr", "note", "left voicemail")).body();
        assertThat(reached.path("slaDueAt").isNull() || reached.path("slaDueAt").isMissingNode()).isTrue();
        assertThat(reached.path("status").asText()).isEqualTo("ATTEMPTING_CONTACT");

        pipeline.clock.set(TUESDAY.plus(Duration.ofDays(3)));
        assertThat(sweep(Wiring.SLA_EXPIRY).get("breached")).isEqualTo(0);
    }

    @Test
    @DisplayName("a recycled lead stays out until its follow-up date; the sweep then returns it naming itself and the reason")
    void recycleSweepReturnsDueLeads() {
        String leadId = mql("later");
        Pipeline.Response past = pipeline.action(leadId, Map.of("action", "recycle", "actor", "sam.sdr",
                "reason", "no_budget_timing", "followUpAt", "2026-11-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.body().path("error").path("field").asText()).isEqualTo("followUpAt");

        Pipeline.Response recycled = pipeline.action(leadId, Map.of("action", "recycle", "actor", "sam.sdr",
                "reason", "no_budget_timing", "followUpAt", "2027-01-15T09:00:00Z"));
        assertThat(recycled.status()).isEqualTo(200);
        assertThat(recycled.body().path("stage").asText()).isEqualTo("RECYCLE");
        assertThat(recycled.body().path("followUpAt").asText()).isEqualTo("2027-01-15T09:00:00Z");
        assertThat(recycled.body().path("recycleReason").asText()).isEqualTo("no_budget_timing");

        pipeline.clock.set(Instant.parse("2027-01-15T08:59:00Z"));
        assertThat(sweep(Wiring.RECYCLE_SWEEP).get("returned")).isEqualTo(0);
        assertThat(pipeline.lead(leadId).path("stage").asText()).isEqualTo("RECYCLE");

        pipeline.clock.set(Instant.parse("2027-01-15T09:00:00Z"));
        Map<String, Object> result = sweep(Wiring.RECYCLE_SWEEP);
        assertThat(result.get("returned")).isEqualTo(1);
        assertThat(result.get("due")).isEqualTo(1);
        JsonNode back = pipeline.lead(leadId);
        assertThat(back.path("stage").asText()).isEqualTo("MARKETING_ENGAGED");
        List<JsonNode> history = pipeline.transitions(leadId);
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("from").asText()).isEqualTo("RECYCLE");
        assertThat(last.path("rule").asText()).isEqualTo("recycle-sweep");
        assertThat(last.path("reason").asText()).isEqualTo("no_budget_timing");

        assertThat(sweep(Wiring.RECYCLE_SWEEP).get("due")).as("the timer is gone once swept").isEqualTo(0);
    }
}
