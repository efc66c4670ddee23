package io.stagegate.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.Env;
import io.stagegate.wiring.Wiring.FunctionDef;
import io.stagegate.wiring.Wiring.HttpTrigger;
import io.stagegate.wiring.Wiring.QueueDef;
import io.stagegate.wiring.Wiring.QueueTrigger;
import io.stagegate.wiring.Wiring.ScheduleTrigger;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.constructs.Construct;

/**
 * One function per {@link Wiring#FUNCTIONS} entry, from the one jar. Each environment variable
 * the wiring lists is bound here to its real value <em>and</em> to the grant it implies, so a
 * function can reach exactly what its environment names. Queue and schedule triggers are wired
 * here; HTTP routes by {@link StagegateHttpApi}.
 */
public class Functions extends Construct {

    /** Queue URL variables of the wiring and the queue each one names. */
    static final Map<String, QueueDef> QUEUE_URL_ENV = Map.of(
            Env.SCORING_QUEUE_URL, Wiring.SCORING_QUEUE,
            Env.ESCALATION_QUEUE_URL, Wiring.ESCALATION_QUEUE);

    private final List<StagegateFunction> functions = new ArrayList<>();
    private final List<Rule> schedules = new ArrayList<>();

    public Functions(Construct scope, String id, StagegateConfig config, LeadTable table, Queues queues,
                     EventRouting events) {
        super(scope, id);
        Code code = StagegateFunction.codeFrom(config.functionsJar());
        for (FunctionDef def : Wiring.FUNCTIONS) {
            Map<String, String> env = new LinkedHashMap<>();
            List<Consumer<Role>> grants = new ArrayList<>();
            for (String name : def.env()) {
                bind(def, name, env, grants, config, table, queues, events);
            }
            StagegateFunction fn = new StagegateFunction(this, def.name(), def, code, env);
            grants.forEach(grant -> grant.accept(fn.role()));
            wireTrigger(fn, queues);
            functions.add(fn);
        }
    }

    private void bind(FunctionDef def, String name, Map<String, String> env, List<Consumer<Role>> grants,
                      StagegateConfig config, LeadTable table, Queues queues,
                      EventRouting events) {
        switch (name) {
            case Env.TABLE_NAME -> {
                env.put(name, table.tableName());
                grants.add(readsOnly(def) ? table::grantRead : table::grantReadWrite);
            }
            case Env.EVENT_BUS_NAME -> {
                env.put(name, events.bus().getEventBusName());
                grants.add(role -> events.bus().grantPutEventsTo(role));
            }
            case Env.SCORING_QUEUE_URL, Env.ESCALATION_QUEUE_URL -> {
                QueueWithDlq q = queues.get(QUEUE_URL_ENV.get(name));
                env.put(name, q.queue().getQueueUrl());
                grants.add(role -> q.queue().grantSendMessages(role));
            }
            case Env.SALES_QUEUE_URL_PREFIX -> {
                env.put(name, salesQueueUrlPrefix(Stack.of(this)));
                // the handler resolves a team's queue by name: it may send to each team queue, no other
                grants.add(role -> queues.salesQueues().forEach(q -> q.queue().grantSendMessages(role)));
            }
            case Env.LEAD_MODEL -> config.leadModel().ifPresent(v -> env.put(name, v));
            // local runtime and tests only: in AWS the SDK uses the regional endpoints, and the
            // protected routes use the JWT authorizer instead of a shared token
            case Env.DYNAMODB_ENDPOINT, Env.SQS_ENDPOINT, Env.EVENTBRIDGE_ENDPOINT, Env.API_TOKEN -> {
            }
            // reserved: Lambda sets it
            case Env.AWS_REGION -> {
            }
            default -> throw new IllegalStateException("Function " + def.name() + " reads environment variable "
                    + name + " but the CDK stack has no binding for it: add one in " + Functions.class.getName());
        }
    }

    /** {@code https://sqs.<region>.<suffix>/<account>/stagegate-sales-}: the team id completes the URL. */
    static String salesQueueUrlPrefix(Stack stack) {
        return "https://sqs." + stack.getRegion() + "." + stack.getUrlSuffix() + "/" + stack.getAccount() + "/"
                + Wiring.SALES_QUEUE_PREFIX;
    }

    /** An HTTP function whose every route is a GET (the reports) gets read-only table access. */
    static boolean readsOnly(FunctionDef def) {
        return def.trigger() instanceof HttpTrigger http
                && http.routes().stream().allMatch(r -> r.method().equals("GET"));
    }

    private void wireTrigger(StagegateFunction fn, Queues queues) {
        FunctionDef def = fn.def();
        if (def.trigger() instanceof QueueTrigger t) {
                QueueWithDlq q = queues.get(t.queue());
                if (t.queue().visibilityTimeoutSeconds() < def.timeoutSeconds()) {
                    throw new IllegalStateException("queue " + t.queue().name() + " visibility timeout ("
                            + t.queue().visibilityTimeoutSeconds() + " s) is shorter than the timeout of "
                            + def.name() + " (" + def.timeoutSeconds() + " s): Lambda rejects that event source");
                }
                fn.alias().addEventSource(new SqsEventSource(q.queue(), SqsEventSourceProps.builder()
                        .batchSize(t.batchSize())
                        .maxBatchingWindow(Duration.seconds(t.maxBatchingWindowSeconds()))
                        .reportBatchItemFailures(true)
                        .build()));
        } else if (def.trigger() instanceof ScheduleTrigger t) {
            schedules.add(Rule.Builder.create(fn, "Schedule")
                    .ruleName(t.name())
                    .description("Runs " + def.name() + " " + t.expression())
                    .schedule(Schedule.expression(t.expression()))
                    .targets(List.of(new LambdaFunction(fn.alias())))
                    .build());
        }
        // HttpTrigger: the routes are added by StagegateHttpApi
    }

    public List<StagegateFunction> all() {
        return List.copyOf(functions);
    }

    public List<Rule> schedules() {
        return List.copyOf(schedules);
    }
}
