package io.stagegate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.Env;
import io.stagegate.wiring.Wiring.FunctionDef;
import io.stagegate.wiring.Wiring.HttpTrigger;
import io.stagegate.wiring.Wiring.QueueDef;
import io.stagegate.wiring.Wiring.QueueTrigger;
import io.stagegate.wiring.Wiring.RouteDef;
import io.stagegate.wiring.Wiring.RuleDef;
import io.stagegate.wiring.Wiring.ScheduleTrigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthesised template against the wiring: every expectation is derived from {@link Wiring}. */
class StackTemplateTest {

    private static JsonNode resources;
    private static JsonNode outputs;

    @BeforeAll
    static void synth() {
        JsonNode json = SynthesizedStack.get().json;
        resources = json.get("Resources");
        outputs = json.get("Outputs");
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue().get("Properties"));
            }
        });
        return found;
    }

    private static String logicalIdWhere(String type, String property, String value) {
        List<String> ids = ofType(type).entrySet().stream()
                .filter(e -> e.getValue().path(property).asText().equals(value))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).as("%s with %s=%s", type, property, value).hasSize(1);
        return ids.get(0);
    }

    private static JsonNode props(String logicalId) {
        return resources.get(logicalId).get("Properties");
    }

    private static String getAttArn(JsonNode node) {
        JsonNode att = node.path("Fn::GetAtt");
        assertThat(att.isArray()).as("Fn::GetAtt in %s", node).isTrue();
        assertThat(att.get(1).asText()).isEqualTo("Arn");
        return att.get(0).asText();
    }

    private static List<QueueDef> allQueueDefs() {
        List<QueueDef> defs = new ArrayList<>(Wiring.PIPELINE_QUEUES);
        SalesTeams.DEFAULT_TEAMS.forEach(team -> defs.add(Wiring.salesQueue(team)));
        return defs;
    }

    private static String aliasOf(FunctionDef def) {
        String fnId = logicalIdWhere("AWS::Lambda::Function", "FunctionName", def.name());
        return ofType("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> e.getValue().path("FunctionName").path("Ref").asText().equals(fnId))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static List<JsonNode> statementsOf(FunctionDef def) {
        String fnId = logicalIdWhere("AWS::Lambda::Function", "FunctionName", def.name());
        String roleId = props(fnId).path("Role").path("Fn::GetAtt").get(0).asText();
        List<JsonNode> statements = new ArrayList<>();
        ofType("AWS::IAM::Policy").values().forEach(p -> {
            boolean attached = false;
            for (JsonNode r : p.path("Roles")) {
                attached |= r.path("Ref").asText().equals(roleId);
            }
            if (attached) {
                p.path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        });
        assertThat(props(roleId).has("ManagedPolicyArns")).as("managed policies on %s", def.name()).isFalse();
        return statements;
    }

    private static Set<String> actions(JsonNode statement) {
        Set<String> actions = new HashSet<>();
        JsonNode a = statement.get("Action");
        if (a.isArray()) {
            a.forEach(x -> actions.add(x.asText()));
        } else {
            actions.add(a.asText());
        }
        return actions;
    }

    private static List<JsonNode> resourcesOf(JsonNode statement) {
        JsonNode r = statement.get("Resource");
        List<JsonNode> list = new ArrayList<>();
        if (r.isArray()) {
            r.forEach(list::add);
        } else {
            list.add(r);
        }
        return list;
    }

    // ---------------------------------------------------------------- table

    @Test
    void tableHasTheStoreKeysIndexTtlPitrAndEncryption() {
        JsonNode table = props(logicalIdWhere("AWS::DynamoDB::Table", "TableName", Wiring.TABLE_NAME));
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.path("KeySchema").toString()).contains("\"pk\"", "HASH", "\"sk\"", "RANGE");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
        assertThat(table.path("SSESpecification").path("SSEEnabled").asBoolean()).isTrue();
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(Wiring.TTL_ATTRIBUTE);
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
        assertThat(table.path("DeletionProtectionEnabled").asBoolean()).isTrue();

        assertThat(table.path("GlobalSecondaryIndexes")).hasSize(Wiring.INDEXES.size());
        for (int i = 0; i < Wiring.INDEXES.size(); i++) {
            JsonNode gsi = table.path("GlobalSecondaryIndexes").get(i);
            Wiring.IndexDef def = Wiring.INDEXES.get(i);
            assertThat(gsi.path("IndexName").asText()).isEqualTo(def.name());
            assertThat(gsi.path("KeySchema").toString()).contains(def.partitionKey(), def.sortKey());
            assertThat(gsi.path("Projection").path("ProjectionType").asText()).isEqualTo("KEYS_ONLY");
        }
        for (JsonNode attr : table.path("AttributeDefinitions")) {
            assertThat(attr.path("AttributeType").asText()).isEqualTo("S");
        }
        assertThat(resources.get(logicalIdWhere("AWS::DynamoDB::Table", "TableName", Wiring.TABLE_NAME))
                .path("DeletionPolicy").asText()).isEqualTo("Retain");
    }

    // ---------------------------------------------------------------- queues

    @Test
    void everyQueueHasItsDlqAndRedriveLimitAndIsEncryptedAndSslOnly() {
        List<QueueDef> defs = allQueueDefs();
        assertThat(ofType("AWS::SQS::Queue")).hasSize(defs.size() * 2);
        for (QueueDef def : defs) {
            String queueId = logicalIdWhere("AWS::SQS::Queue", "QueueName", def.name());
            String dlqId = logicalIdWhere("AWS::SQS::Queue", "QueueName", def.dlqName());
            JsonNode queue = props(queueId);
            assertThat(queue.path("VisibilityTimeout").asInt()).isEqualTo(def.visibilityTimeoutSeconds());
            JsonNode redrive = queue.path("RedrivePolicy");
            assertThat(redrive.path("maxReceiveCount").asInt()).as(def.name()).isEqualTo(def.maxReceiveCount());
            assertThat(getAttArn(redrive.path("deadLetterTargetArn"))).isEqualTo(dlqId);
            for (String id : List.of(queueId, dlqId)) {
                assertThat(props(id).path("SqsManagedSseEnabled").asBoolean()).as("SSE %s", id).isTrue();
            }
            assertThat(props(dlqId).path("MessageRetentionPeriod").asInt())
                    .isGreaterThan(queue.path("MessageRetentionPeriod").asInt());
        }
        // every queue (DLQs included) denies non-TLS access
        Set<String> sslOnly = new HashSet<>();
        ofType("AWS::SQS::QueuePolicy").values().forEach(p -> p.path("PolicyDocument").path("Statement").forEach(s -> {
            if (s.path("Effect").asText().equals("Deny")
                    && s.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false")) {
                p.path("Queues").forEach(q -> sslOnly.add(q.path("Ref").asText()));
            }
        }));
        assertThat(sslOnly).containsExactlyInAnyOrderElementsOf(ofType("AWS::SQS::Queue").keySet());
    }

    @Test
    void everySqsEventSourceReportsBatchItemFailuresWithTheWiringsBatching() {
        List<FunctionDef> queueFunctions = Wiring.FUNCTIONS.stream()
                .filter(f -> f.trigger() instanceof QueueTrigger).toList();
        Map<String, JsonNode> mappings = ofType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(queueFunctions.size());
        mappings.values().forEach(m -> assertThat(m.path("FunctionResponseTypes").toString())
                .isEqualTo("[\"ReportBatchItemFailures\"]"));
        for (FunctionDef def : queueFunctions) {
            QueueTrigger trigger = (QueueTrigger) def.trigger();
            String queueId = logicalIdWhere("AWS::SQS::Queue", "QueueName", trigger.queue().name());
            JsonNode mapping = mappings.values().stream()
                    .filter(m -> getAttArn(m.path("EventSourceArn")).equals(queueId))
                    .findFirst().orElseThrow();
            // rendered as <function name>:live, the name taken from the alias' ARN
            assertThat(mapping.path("FunctionName").toString()).as("invokes the SnapStart alias")
                    .contains("{\"Ref\":\"" + aliasOf(def) + "\"}", ":" + StagegateFunction.ALIAS_NAME);
            assertThat(mapping.path("BatchSize").asInt()).isEqualTo(trigger.batchSize());
            assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(trigger.maxBatchingWindowSeconds());
        }
    }

    // ---------------------------------------------------------------- events

    @Test
    void everyRulePatternEqualsTheWiringsAndTargetsItsQueue() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String busId = logicalIdWhere("AWS::Events::EventBus", "Name", Wiring.EVENT_BUS_NAME);
        for (RuleDef def : Wiring.RULES) {
            JsonNode rule = props(logicalIdWhere("AWS::Events::Rule", "Name", def.name()));
            assertThat(rule.path("EventPattern")).as(def.name()).isEqualTo(mapper.readTree(def.pattern()));
            assertThat(rule.path("EventBusName").path("Ref").asText()).isEqualTo(busId);
            JsonNode targets = rule.path("Targets");
            assertThat(targets).hasSize(1);
            assertThat(getAttArn(targets.get(0).path("Arn")))
                    .isEqualTo(logicalIdWhere("AWS::SQS::Queue", "QueueName", def.target().name()));
            assertThat(getAttArn(targets.get(0).path("DeadLetterConfig").path("Arn")))
                    .isEqualTo(logicalIdWhere("AWS::SQS::Queue", "QueueName", def.target().dlqName()));
        }
    }

    @Test
    void everyScheduleTriggerRunsItsFunctionAlias() {
        for (FunctionDef def : Wiring.FUNCTIONS) {
            if (def.trigger() instanceof ScheduleTrigger t) {
                JsonNode rule = props(logicalIdWhere("AWS::Events::Rule", "Name", t.name()));
                assertThat(rule.path("ScheduleExpression").asText()).isEqualTo(t.expression());
                assertThat(rule.path("Targets").get(0).path("Arn").path("Ref").asText()).isEqualTo(aliasOf(def));
            }
        }
    }

    // ---------------------------------------------------------------- functions

    @Test
    void everyFunctionIsBuiltFromItsDefinition() {
        assertThat(ofType("AWS::Lambda::Function")).hasSize(Wiring.FUNCTIONS.size());
        for (FunctionDef def : Wiring.FUNCTIONS) {
            JsonNode fn = props(logicalIdWhere("AWS::Lambda::Function", "FunctionName", def.name()));
            assertThat(fn.path("Handler").asText()).isEqualTo(def.handler());
            assertThat(fn.path("MemorySize").asInt()).isEqualTo(def.memoryMb());
            assertThat(fn.path("Timeout").asInt()).isEqualTo(def.timeoutSeconds());
            assertThat(fn.path("Runtime").asText()).isEqualTo("java25");
            assertThat(fn.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
            assertThat(fn.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(fn.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
            assertThat(fn.has("TracingConfig")).isFalse();

            Set<String> envNames = new HashSet<>();
            fn.path("Environment").path("Variables").fieldNames().forEachRemaining(envNames::add);
            assertThat(def.env()).containsAll(envNames);
            for (String name : def.env()) {
                switch (name) {
                    case Env.TABLE_NAME, Env.EVENT_BUS_NAME, Env.SCORING_QUEUE_URL, Env.ESCALATION_QUEUE_URL,
                         Env.SALES_QUEUE_URL_PREFIX -> assertThat(envNames).as(def.name()).contains(name);
                    default -> {
                    }
                }
            }
            assertThat(envNames).doesNotContain(Env.DYNAMODB_ENDPOINT, Env.SQS_ENDPOINT, Env.EVENTBRIDGE_ENDPOINT,
                    Env.API_TOKEN);
            if (def.env().contains(Env.LEAD_MODEL)) {
                assertThat(fn.path("Environment").path("Variables").path(Env.LEAD_MODEL).asText())
                        .isEqualTo("classpath:" + SynthesizedStack.LEAD_MODEL);
            }
        }
        assertThat(ofType("AWS::Lambda::Alias")).hasSize(Wiring.FUNCTIONS.size());
    }

    @Test
    void salesQueueUrlPrefixIsBuiltFromStackTokens() throws Exception {
        FunctionDef routing = Wiring.FUNCTIONS.stream()
                .filter(f -> f.env().contains(Env.SALES_QUEUE_URL_PREFIX)).findFirst().orElseThrow();
        JsonNode value = props(logicalIdWhere("AWS::Lambda::Function", "FunctionName", routing.name()))
                .path("Environment").path("Variables").path(Env.SALES_QUEUE_URL_PREFIX);
        assertThat(value.toString()).isEqualTo(new ObjectMapper().readTree("""
                {"Fn::Join":["",["https://sqs.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"/",\
                {"Ref":"AWS::AccountId"},"/%s"]]}""".formatted(Wiring.SALES_QUEUE_PREFIX)).toString());
    }

    @Test
    void everyFunctionLogsToItsOwnGroupForAMonth() {
        for (FunctionDef def : Wiring.FUNCTIONS) {
            JsonNode logs = props(logicalIdWhere("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/" + def.name()));
            assertThat(logs.path("RetentionInDays").asInt()).isEqualTo(30);
        }
    }

    // ---------------------------------------------------------------- least privilege

    @Test
    void noPolicyGrantsAWildcardResource() {
        ofType("AWS::IAM::Policy").forEach((id, p) -> p.path("PolicyDocument").path("Statement").forEach(s -> {
            for (JsonNode r : resourcesOf(s)) {
                assertThat(r.isTextual() && r.asText().contains("*")).as("%s: %s", id, s).isFalse();
            }
            assertThat(actions(s)).as(id).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
        }));
    }

    @Test
    void eachFunctionMayReachOnlyWhatItsEnvironmentNames() {
        String busId = logicalIdWhere("AWS::Events::EventBus", "Name", Wiring.EVENT_BUS_NAME);
        String tableId = logicalIdWhere("AWS::DynamoDB::Table", "TableName", Wiring.TABLE_NAME);
        for (FunctionDef def : Wiring.FUNCTIONS) {
            List<JsonNode> statements = statementsOf(def);
            Set<String> allActions = new HashSet<>();
            statements.forEach(s -> allActions.addAll(actions(s)));

            assertThat(allActions.contains("events:PutEvents")).as("%s publishes", def.name())
                    .isEqualTo(def.env().contains(Env.EVENT_BUS_NAME));
            statements.stream().filter(s -> actions(s).contains("events:PutEvents"))
                    .forEach(s -> assertThat(getAttArn(s.get("Resource"))).isEqualTo(busId));

            boolean writes = allActions.contains("dynamodb:PutItem");
            assertThat(writes).as("%s writes the table", def.name()).isEqualTo(!Functions.readsOnly(def));
            assertThat(allActions.contains("dynamodb:GetItem")).isEqualTo(def.env().contains(Env.TABLE_NAME));
            assertThat(allActions).doesNotContain("dynamodb:Scan", "dynamodb:DeleteTable", "dynamodb:PartiQLSelect");

            // sends only to the queues its env names, consumes only its trigger queue
            Set<String> expectedSend = new HashSet<>();
            if (def.env().contains(Env.SCORING_QUEUE_URL)) {
                expectedSend.add(Wiring.SCORING_QUEUE.name());
            }
            if (def.env().contains(Env.ESCALATION_QUEUE_URL)) {
                expectedSend.add(Wiring.ESCALATION_QUEUE.name());
            }
            if (def.env().contains(Env.SALES_QUEUE_URL_PREFIX)) {
                SalesTeams.DEFAULT_TEAMS.forEach(t -> expectedSend.add(Wiring.salesQueue(t).name()));
            }
            Set<String> sendTo = new HashSet<>();
            Set<String> consumeFrom = new HashSet<>();
            for (JsonNode s : statements) {
                for (JsonNode r : resourcesOf(s)) {
                    if (actions(s).contains("sqs:SendMessage")) {
                        sendTo.add(props(getAttArn(r)).path("QueueName").asText());
                    }
                    if (actions(s).contains("sqs:ReceiveMessage")) {
                        consumeFrom.add(props(getAttArn(r)).path("QueueName").asText());
                    }
                }
            }
            assertThat(sendTo).as("%s sends to", def.name()).containsExactlyInAnyOrderElementsOf(expectedSend);
            assertThat(consumeFrom).as("%s consumes", def.name()).isEqualTo(def.trigger() instanceof QueueTrigger t
                    ? Set.of(t.queue().name()) : Set.of());

            // logs only to its own group; DynamoDB only the table and the one index
            for (JsonNode s : statements) {
                if (actions(s).stream().anyMatch(a -> a.startsWith("logs:"))) {
                    assertThat(props(getAttArn(s.get("Resource"))).path("LogGroupName").asText())
                            .isEqualTo("/aws/lambda/" + def.name());
                }
                if (actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
                    String resource = s.get("Resource").toString();
                    assertThat(resource).contains(tableId);
                    if (resource.contains("/index/")) {
                        assertThat(Wiring.INDEXES).anySatisfy(i -> assertThat(resource).contains("/index/" + i.name() + "\""));
                        assertThat(actions(s)).containsExactly("dynamodb:Query");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- HTTP API

    @Test
    void publicRoutesHaveNoAuthorizerAndEveryOtherRouteHasTheJwtOne() {
        List<RouteDef> routes = Wiring.FUNCTIONS.stream()
                .filter(f -> f.trigger() instanceof HttpTrigger)
                .flatMap(f -> ((HttpTrigger) f.trigger()).routes().stream()).toList();
        assertThat(ofType("AWS::ApiGatewayV2::Route")).hasSize(routes.size());
        String authorizerId = ofType("AWS::ApiGatewayV2::Authorizer").keySet().iterator().next();
        JsonNode authorizer = props(authorizerId);
        assertThat(authorizer.path("AuthorizerType").asText()).isEqualTo("JWT");
        assertThat(authorizer.path("JwtConfiguration").path("Issuer").asText()).isEqualTo(SynthesizedStack.JWT_ISSUER);
        assertThat(authorizer.path("JwtConfiguration").path("Audience").toString())
                .isEqualTo("[\"" + SynthesizedStack.JWT_AUDIENCE + "\"]");

        for (RouteDef def : routes) {
            JsonNode route = props(logicalIdWhere("AWS::ApiGatewayV2::Route", "RouteKey", def.routeKey()));
            if (def.isPublic()) {
                assertThat(route.path("AuthorizationType").asText()).as(def.routeKey()).isEqualTo("NONE");
                assertThat(route.has("AuthorizerId")).as(def.routeKey()).isFalse();
            } else {
                assertThat(route.path("AuthorizationType").asText()).as(def.routeKey()).isEqualTo("JWT");
                assertThat(route.path("AuthorizerId").path("Ref").asText()).isEqualTo(authorizerId);
            }
        }
        assertThat(routes).anyMatch(RouteDef::isPublic).anyMatch(r -> !r.isPublic());
    }

    @Test
    void routesInvokeTheirFunctionsAlias() {
        Map<String, JsonNode> integrations = ofType("AWS::ApiGatewayV2::Integration");
        for (FunctionDef def : Wiring.FUNCTIONS) {
            if (!(def.trigger() instanceof HttpTrigger http)) {
                continue;
            }
            for (RouteDef r : http.routes()) {
                String target = props(logicalIdWhere("AWS::ApiGatewayV2::Route", "RouteKey", r.routeKey()))
                        .path("Target").toString();
                String integrationId = integrations.keySet().stream().filter(target::contains).findFirst().orElseThrow();
                assertThat(integrations.get(integrationId).path("IntegrationUri").path("Ref").asText())
                        .isEqualTo(aliasOf(def));
            }
        }
    }

    @Test
    void stageThrottlesLogsAccessAndCorsAllowsOnlyTheListedOrigins() {
        JsonNode stage = ofType("AWS::ApiGatewayV2::Stage").values().iterator().next();
        assertThat(stage.path("StageName").asText()).isEqualTo("$default");
        assertThat(stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt()).isPositive();
        assertThat(stage.path("DefaultRouteSettings").path("ThrottlingBurstLimit").asInt()).isPositive();
        String logGroupId = getAttArn(stage.path("AccessLogSettings").path("DestinationArn"));
        assertThat(resources.get(logGroupId).path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
        assertThat(stage.path("AccessLogSettings").path("Format").asText()).contains("$context.requestId");

        JsonNode api = ofType("AWS::ApiGatewayV2::Api").values().iterator().next();
        assertThat(api.path("CorsConfiguration").path("AllowOrigins").toString())
                .isEqualTo(new ObjectMapper().valueToTree(List.of(SynthesizedStack.ALLOWED_ORIGINS.split(","))).toString());
    }

    // ---------------------------------------------------------------- alarms and outputs

    @Test
    void alarmsOnEveryDlqEveryFunctionAndSlaBreachesGoToTheEncryptedTopic() {
        Map<String, JsonNode> alarms = ofType("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(allQueueDefs().size() + Wiring.FUNCTIONS.size() + 1);
        String topicId = ofType("AWS::SNS::Topic").keySet().iterator().next();
        alarms.values().forEach(a -> assertThat(a.path("AlarmActions").get(0).path("Ref").asText()).isEqualTo(topicId));

        for (QueueDef def : allQueueDefs()) {
            String dlqName = props(logicalIdWhere("AWS::SQS::Queue", "QueueName", def.dlqName())).path("QueueName").asText();
            assertThat(alarms.values()).as("DLQ alarm %s", dlqName).anyMatch(a ->
                    a.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")
                            && a.path("Dimensions").toString().contains(
                            logicalIdWhere("AWS::SQS::Queue", "QueueName", def.dlqName())));
        }
        for (FunctionDef def : Wiring.FUNCTIONS) {
            assertThat(alarms.values()).as("errors alarm %s", def.name()).anyMatch(a ->
                    a.path("MetricName").asText().equals("Errors")
                            && a.path("Dimensions").toString().contains(
                            logicalIdWhere("AWS::Lambda::Function", "FunctionName", def.name())));
        }
        assertThat(alarms.values()).anyMatch(a -> a.path("Namespace").asText().equals(Monitoring.SLA_NAMESPACE)
                && a.path("MetricName").asText().equals(Monitoring.SLA_METRIC));

        JsonNode topic = props(topicId);
        assertThat(topic.has("KmsMasterKeyId")).isTrue();
        JsonNode topicPolicy = ofType("AWS::SNS::TopicPolicy").values().iterator().next();
        assertThat(topicPolicy.toString()).contains("aws:SecureTransport");
    }

    @Test
    void outputsNameTheApiTheTableAndEverySalesQueue() {
        assertThat(outputs.has("ApiUrl")).isTrue();
        assertThat(outputs.path("TableName").path("Value").path("Ref").asText())
                .isEqualTo(logicalIdWhere("AWS::DynamoDB::Table", "TableName", Wiring.TABLE_NAME));
        for (String team : SalesTeams.DEFAULT_TEAMS) {
            JsonNode out = outputs.path(StagegateStack.outputId("SalesQueueUrl", team));
            assertThat(out.path("Value").path("Ref").asText()).as(team)
                    .isEqualTo(logicalIdWhere("AWS::SQS::Queue", "QueueName", Wiring.salesQueue(team).name()));
        }
    }

    @Test
    void stackNameCarriesTheEnvironment() {
        assertThat(SynthesizedStack.get().stack.getStackName()).isEqualTo("test-stagegate");
    }
}
