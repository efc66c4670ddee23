package io.stagegate.reporting;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stagegate.aws.Components;
import io.stagegate.aws.LeadStore;
import io.stagegate.aws.http.ApiException;
import io.stagegate.aws.http.Http;
import io.stagegate.aws.http.Logs;
import io.stagegate.intake.domain.DataQuality;
import io.stagegate.lead.domain.Stage;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/reports/funnel|stuck|data-quality}: from the funnel counters and the sparse
 * indexes only — a report costs a few reads per day asked, never a table scan.
 */
public final class ReportsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final int MAX_DAYS = 366;
    private static final int MAX_LIST = 200;

    private final Components c;

    public ReportsHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public ReportsHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public ReportsHandler(Map<String, String> env, Clock clock) {
        this.c = new Components(env, List.of(Wiring.Env.TABLE_NAME), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.http(event, context, () -> {
            Http.requireToken(event, c.config().apiToken());
            return switch (Http.routeKey(event)) {
                case "GET /v1/reports/funnel" -> funnel(event);
                case "GET /v1/reports/stuck" -> stuck(event);
                case "GET /v1/reports/data-quality" -> dataQuality();
                default -> throw new ApiException(404, "NOT_FOUND", "no route " + Http.routeKey(event), null);
            };
        });
    }

    private APIGatewayV2HTTPResponse funnel(APIGatewayV2HTTPEvent event) {
        LocalDate today = LocalDate.ofInstant(c.clock().instant(), ZoneOffset.UTC);
        LocalDate to = date(event, "to", today);
        LocalDate from = date(event, "from", to.minusDays(29));
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "INVALID_RANGE", "from must not be after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ApiException.invalid("from", "RANGE_TOO_LONG", "ask for at most " + MAX_DAYS + " days");
        }
        Map<String, Long> counters = new HashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            c.store().countersOf(d.toString()).forEach((k, v) -> counters.merge(k, v, Long::sum));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", from.toString());
        report.put("to", to.toString());
        report.put("motion", Http.query(event, "motion"));
        report.put("source", Http.query(event, "source"));
        report.putAll(FunnelReport.build(counters, Http.query(event, "motion"), Http.query(event, "source"), 0));
        return Http.json(200, report);
    }

    private APIGatewayV2HTTPResponse stuck(APIGatewayV2HTTPEvent event) {
        String stageName = Http.query(event, "stage");
        Stage stage = Stage.parse(stageName);
        if (stage == null || stage.isTerminal()) {
            throw ApiException.invalid("stage", "UNKNOWN_STAGE", "stage must be an open stage such as MARKETING_QUALIFIED");
        }
        int days;
        try {
            days = Integer.parseInt(Http.query(event, "olderThanDays") == null ? "7" : Http.query(event, "olderThanDays"));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("olderThanDays", "INVALID_TYPE", "olderThanDays must be a whole number of days");
        }
        if (days < 0 || days > 3650) {
            throw ApiException.invalid("olderThanDays", "OUT_OF_RANGE", "olderThanDays must be between 0 and 3650");
        }
        Instant now = c.clock().instant();
        List<Map<String, Object>> leads = new ArrayList<>();
        for (Map.Entry<String, Instant> e : c.store().inStageSince(stage.name(), now.minus(Duration.ofDays(days)), MAX_LIST)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("leadId", e.getKey());
            row.put("stage", stage.name());
            row.put("stageEnteredAt", e.getValue().toString());
            row.put("daysInStage", Duration.between(e.getValue(), now).toDays());
            leads.add(row);
        }
        return Http.json(200, Map.of("stage", stage.name(), "olderThanDays", days, "count", leads.size(), "leads", leads));
    }

    private APIGatewayV2HTTPResponse dataQuality() {
        LeadStore store = c.store();
        Map<String, Object> report = new LinkedHashMap<>();
        for (String flag : List.of(DataQuality.MISSING_INDUSTRY, DataQuality.UNMAPPED_INDUSTRY, DataQuality.UNMAPPED_TITLE,
                DataQuality.UNMAPPED_ASSET, DataQuality.UNMAPPED_USE_CASE, DataQuality.UNMAPPED_FRAMEWORK)) {
            Map<String, Long> leads = store.dataQuality(flag, MAX_LIST);
            report.put(flag, Map.of("count", leads.size(), "leadIds", List.copyOf(leads.keySet())));
        }
        report.put("unmapped-pages", store.dataQuality("unmapped-page", MAX_LIST));
        report.put("unmapped-assets-in-signals", store.dataQuality("unmapped-asset", MAX_LIST));
        return Http.json(200, report);
    }

    private static LocalDate date(APIGatewayV2HTTPEvent event, String name, LocalDate fallback) {
        String v = Http.query(event, name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "INVALID_DATE", name + " must be a date like 2026-12-01");
        }
    }
}
