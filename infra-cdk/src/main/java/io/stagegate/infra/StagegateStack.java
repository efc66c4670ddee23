package io.stagegate.infra;

import io.stagegate.wiring.Wiring;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Stagegate in one stack, built from {@link Wiring}: names, patterns, routes and functions are
 * read from there, never restated here.
 *
 * <p>Physical names (table, queues, bus, functions) are the wiring's, so one environment per
 * account and region: the environment name prefixes the stack name only.
 */
public class StagegateStack extends Stack {

    private final StagegateConfig config;
    private final LeadTable table;
    private final Queues queues;
    private final EventRouting events;
    private final Functions functions;
    private final StagegateHttpApi httpApi;
    private final Monitoring monitoring;

    public StagegateStack(Construct scope, String id, StackProps props, StagegateConfig config) {
        super(scope, id, props);
        this.config = config;
        this.table = new LeadTable(this, "Table", config.deletionProtection());
        this.queues = new Queues(this, "Queues", config.teams());
        this.events = new EventRouting(this, "Events", queues);
        this.functions = new Functions(this, "Functions", config, table, queues, events);
        this.httpApi = new StagegateHttpApi(this, "Http", config, functions);
        this.monitoring = new Monitoring(this, "Monitoring", config, queues, functions);
        outputs();
    }

    private void outputs() {
        CfnOutput.Builder.create(this, "ApiUrl").value(httpApi.url())
                .description("Base URL of the HTTP API").build();
        CfnOutput.Builder.create(this, "TableName").value(table.tableName())
                .description("DynamoDB table").build();
        for (QueueWithDlq q : queues.salesQueues()) {
            CfnOutput.Builder.create(this, outputId("SalesQueueUrl", q.def().name().substring(Wiring.SALES_QUEUE_PREFIX.length())))
                    .value(q.queue().getQueueUrl())
                    .description("Sales notification queue " + q.def().name())
                    .build();
        }
    }

    /** {@code SalesQueueUrl} + {@code incident-response} → {@code SalesQueueUrlIncidentResponse}. */
    static String outputId(String prefix, String team) {
        StringBuilder id = new StringBuilder(prefix);
        for (String part : team.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    public StagegateConfig config() {
        return config;
    }

    public LeadTable table() {
        return table;
    }

    public Queues queues() {
        return queues;
    }

    public EventRouting events() {
        return events;
    }

    public Functions functions() {
        return functions;
    }

    public StagegateHttpApi httpApi() {
        return httpApi;
    }

    public Monitoring monitoring() {
        return monitoring;
    }
}
