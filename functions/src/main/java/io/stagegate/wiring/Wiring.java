package io.stagegate.wiring;

import java.util.List;
import java.util.Optional;

/**
 * The one definition of how Stagegate's parts connect: table, queues and their DLQs, the event
 * bus with its sources, detail-types and rule patterns, schedules, HTTP routes, functions and the
 * environment variable names they read. The CDK stack and the local runtime both build from this
 * class, so the deployed system and the laptop cannot drift apart.
 *
 * <p>Pure Java on purpose: the CDK app and the local runtime depend on it without pulling in
 * any AWS SDK or CDK types.
 */
public final class Wiring {

    private Wiring() {
    }

    /** Environment variable names; every handler reads its configuration through these. */
    public static final class Env {
        private Env() {
        }

        public static final String TABLE_NAME = "STAGEGATE_TABLE_NAME";
        public static final String EVENT_BUS_NAME = "STAGEGATE_EVENT_BUS_NAME";
        public static final String SCORING_QUEUE_URL = "STAGEGATE_SCORING_QUEUE_URL";
        /** Prefix of the per-team sales notification queue URLs: the team id is resolved by name. */
        public static final String SALES_QUEUE_URL_PREFIX = "STAGEGATE_SALES_QUEUE_URL_PREFIX";
        public static final String ESCALATION_QUEUE_URL = "STAGEGATE_ESCALATION_QUEUE_URL";
        /** Optional: a path or classpath: URI of an operator's lead model file. */
        public static final String LEAD_MODEL = "STAGEGATE_LEAD_MODEL";
        /** Optional: override endpoints (local runtime and tests only; absent in AWS). */
        public static final String DYNAMODB_ENDPOINT = "STAGEGATE_DYNAMODB_ENDPOINT";
        public static final String SQS_ENDPOINT = "STAGEGATE_SQS_ENDPOINT";
        public static final String EVENTBRIDGE_ENDPOINT = "STAGEGATE_EVENTBRIDGE_ENDPOINT";
        /** Optional: a bearer token that the lead/action/report routes require (local runtime). */
        public static final String API_TOKEN = "STAGEGATE_API_TOKEN";
        /** Standard Lambda variable; read for the region of the SDK clients. */
        public static final String AWS_REGION = "AWS_REGION";
    }

    public static final String TABLE_NAME = "stagegate-leads";
    /** Sparse index of due timers (SLA deadlines, recycle follow-ups). */
    public static final String DUE_INDEX = "due-timers";
    public static final String DUE_INDEX_PK = "duePk";
    public static final String DUE_INDEX_SK = "dueSk";
    /** Leads by stage and stage-entry time (sparse: open stages only), for the stuck-leads report. */
    public static final String STAGE_INDEX = "by-stage";
    public static final String STAGE_INDEX_PK = "stagePk";
    public static final String STAGE_INDEX_SK = "stageSk";

    /**
     * A global secondary index of the table: string keys, keys-only projection (every reader
     * needs only the lead id it carries in the sort key, and keys-only is the cheapest to write).
     */
    public record IndexDef(String name, String partitionKey, String sortKey) {
    }

    public static final List<IndexDef> INDEXES = List.of(
            new IndexDef(DUE_INDEX, DUE_INDEX_PK, DUE_INDEX_SK),
            new IndexDef(STAGE_INDEX, STAGE_INDEX_PK, STAGE_INDEX_SK));

    /** Attribute the store sets on items that may expire (signals past the scoring window). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    public static final String EVENT_BUS_NAME = "stagegate-bus";
    public static final String EVENT_SOURCE = "stagegate";

    /** Event detail-types: the event contracts on the bus. */
    public static final class DetailType {
        private DetailType() {
        }

        public static final String LEAD_SCORED = "lead.scored";
        public static final String LEAD_STAGE_CHANGED = "lead.stage-changed";
        public static final String LEAD_SLA_BREACHED = "lead.sla-breached";
        public static final String SALES_ACTION_RECORDED = "sales.action-recorded";
    }

    public record QueueDef(String name, int visibilityTimeoutSeconds, int maxReceiveCount) {
        public String dlqName() {
            return name + "-dlq";
        }
    }

    public static final QueueDef SCORING_QUEUE = new QueueDef("stagegate-scoring", 60, 5);
    public static final QueueDef STAGE_EVALUATION_QUEUE = new QueueDef("stagegate-stage-evaluation", 60, 5);
    public static final QueueDef ROUTING_QUEUE = new QueueDef("stagegate-routing", 60, 5);
    public static final QueueDef ESCALATION_QUEUE = new QueueDef("stagegate-sales-escalations", 300, 5);
    /** Prefix of the per-team sales notification queues; the teams come from the lead model. */
    public static final String SALES_QUEUE_PREFIX = "stagegate-sales-";

    /**
     * The routing teams of the default lead model, one sales queue each. The CDK stack deploys
     * these unless given its own list (an operator's model with other teams passes {@code -c teams=…});
     * a test keeps this list equal to the default model's teams.
     */
    public static final List<String> DEFAULT_SALES_TEAMS = List.of(
            "sdr", "partner-management", "cloud-security", "endpoint", "identity", "incident-response",
            "soc-platform", "vulnerability-management", "grc");

    public static QueueDef salesQueue(String teamId) {
        return new QueueDef(SALES_QUEUE_PREFIX + teamId, 300, 5);
    }

    /** The queues every deployment has; sales queues are added per team of the lead model. */
    public static final List<QueueDef> PIPELINE_QUEUES =
            List.of(SCORING_QUEUE, STAGE_EVALUATION_QUEUE, ROUTING_QUEUE, ESCALATION_QUEUE);

    /**
     * One EventBridge rule per event contract. The pattern is the JSON both CDK and the local
     * event-ruler matcher use, verbatim.
     */
    public record RuleDef(String name, String detailType, String pattern, QueueDef target) {
    }

    public static final RuleDef SALES_ACTION_TO_STAGE_EVALUATION = new RuleDef(
            "stagegate-sales-action-to-stage-evaluation",
            DetailType.SALES_ACTION_RECORDED,
            pattern(DetailType.SALES_ACTION_RECORDED, null),
            STAGE_EVALUATION_QUEUE);

    /** Only the stages that need an owner are routed. */
    public static final RuleDef STAGE_CHANGED_TO_ROUTING = new RuleDef(
            "stagegate-stage-changed-to-routing",
            DetailType.LEAD_STAGE_CHANGED,
            pattern(DetailType.LEAD_STAGE_CHANGED, "\"detail\":{\"to\":[\"MARKETING_QUALIFIED\",\"SALES_QUALIFIED\"]}"),
            ROUTING_QUEUE);

    /**
     * No rule takes {@code lead.scored} to stage evaluation: scoring applies the transitions itself
     * in the same pass (one invocation, event, delivery, read and write fewer per lead); the event
     * stays on the bus for any other consumer.
     */
    public static final List<RuleDef> RULES = List.of(SALES_ACTION_TO_STAGE_EVALUATION, STAGE_CHANGED_TO_ROUTING);

    private static String pattern(String detailType, String detailClause) {
        return "{\"source\":[\"" + EVENT_SOURCE + "\"],\"detail-type\":[\"" + detailType + "\"]"
                + (detailClause == null ? "" : "," + detailClause) + "}";
    }

    /** HTTP routes (API Gateway HTTP API v2 route keys). */
    public record RouteDef(String method, String path, boolean isPublic) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** How a function is invoked. */
    public sealed interface Trigger permits HttpTrigger, QueueTrigger, ScheduleTrigger {
    }

    public record HttpTrigger(List<RouteDef> routes) implements Trigger {
    }

    public record QueueTrigger(QueueDef queue, int batchSize, int maxBatchingWindowSeconds) implements Trigger {
    }

    /** {@code rateMinutes}: the local timer and the EventBridge schedule ({@code rate(n minutes)}). */
    public record ScheduleTrigger(String name, int rateMinutes) implements Trigger {
        public String expression() {
            return "rate(" + rateMinutes + (rateMinutes == 1 ? " minute)" : " minutes)");
        }
    }

    public record FunctionDef(String name, String handlerClass, int memoryMb, int timeoutSeconds,
                              Trigger trigger, List<String> env) {
        public String handler() {
            return handlerClass + "::handleRequest";
        }
    }

    private static final List<String> STORE_ENV = List.of(Env.TABLE_NAME, Env.LEAD_MODEL);
    private static final List<String> PUBLISH_ENV = List.of(Env.TABLE_NAME, Env.LEAD_MODEL, Env.EVENT_BUS_NAME);

    public static final FunctionDef INTAKE = new FunctionDef(
            "stagegate-intake", "io.stagegate.intake.IntakeHandler", 1024, 15,
            new HttpTrigger(List.of(
                    new RouteDef("POST", "/v1/submissions", true),
                    new RouteDef("POST", "/v1/signals", true))),
            List.of(Env.TABLE_NAME, Env.LEAD_MODEL, Env.SCORING_QUEUE_URL));

    public static final FunctionDef LEADS = new FunctionDef(
            "stagegate-leads", "io.stagegate.sales.LeadsHandler", 1024, 15,
            new HttpTrigger(List.of(
                    new RouteDef("GET", "/v1/leads/{leadId}", false),
                    new RouteDef("GET", "/v1/leads/{leadId}/transitions", false),
                    new RouteDef("POST", "/v1/leads/{leadId}/actions", false))),
            PUBLISH_ENV);

    public static final FunctionDef REPORTS = new FunctionDef(
            "stagegate-reports", "io.stagegate.reporting.ReportsHandler", 1024, 30,
            new HttpTrigger(List.of(
                    new RouteDef("GET", "/v1/reports/funnel", false),
                    new RouteDef("GET", "/v1/reports/stuck", false),
                    new RouteDef("GET", "/v1/reports/data-quality", false))),
            STORE_ENV);

    public static final FunctionDef SCORING = new FunctionDef(
            "stagegate-scoring", "io.stagegate.scoring.ScoringHandler", 1024, 60,
            new QueueTrigger(SCORING_QUEUE, 25, 1), PUBLISH_ENV);

    public static final FunctionDef STAGE_EVALUATION = new FunctionDef(
            "stagegate-stage-evaluation", "io.stagegate.stages.StageEvaluationHandler", 1024, 60,
            new QueueTrigger(STAGE_EVALUATION_QUEUE, 10, 1), PUBLISH_ENV);

    public static final FunctionDef ROUTING = new FunctionDef(
            "stagegate-routing", "io.stagegate.routing.RoutingHandler", 1024, 60,
            new QueueTrigger(ROUTING_QUEUE, 10, 1),
            List.of(Env.TABLE_NAME, Env.LEAD_MODEL, Env.EVENT_BUS_NAME, Env.SALES_QUEUE_URL_PREFIX));

    public static final FunctionDef SLA_EXPIRY = new FunctionDef(
            "stagegate-sla-expiry", "io.stagegate.sla.SlaExpiryHandler", 1024, 300,
            new ScheduleTrigger("stagegate-sla-expiry-schedule", 5),
            List.of(Env.TABLE_NAME, Env.LEAD_MODEL, Env.EVENT_BUS_NAME, Env.SALES_QUEUE_URL_PREFIX,
                    Env.ESCALATION_QUEUE_URL));

    public static final FunctionDef RECYCLE_SWEEP = new FunctionDef(
            "stagegate-recycle-sweep", "io.stagegate.sla.RecycleSweepHandler", 1024, 300,
            new ScheduleTrigger("stagegate-recycle-sweep-schedule", 60), PUBLISH_ENV);

    public static final List<FunctionDef> FUNCTIONS =
            List.of(INTAKE, LEADS, REPORTS, SCORING, STAGE_EVALUATION, ROUTING, SLA_EXPIRY, RECYCLE_SWEEP);

    /** The function serving an HTTP route key such as {@code GET /v1/leads/{leadId}}. */
    public static Optional<FunctionDef> functionForRoute(String routeKey) {
        return FUNCTIONS.stream()
                .filter(f -> f.trigger() instanceof HttpTrigger http
                        && http.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
                .findFirst();
    }
}
