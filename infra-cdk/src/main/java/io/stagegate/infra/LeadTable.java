package io.stagegate.infra;

import java.util.List;
import java.util.stream.Stream;

import io.stagegate.wiring.Wiring;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The single table (leads, signals, transitions, due timers, counters) with the sparse due-timer
 * index. Grants name the table and the one index: no {@code index/*} wildcard.
 */
public class LeadTable extends Construct {

    static final List<String> READ_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable");
    static final List<String> WRITE_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    /** The store reads the index only by Query (sweeps read what is due; reports never scan). */
    static final List<String> INDEX_ACTIONS = List.of("dynamodb:Query");

    private final Table table;

    public LeadTable(Construct scope, String id, boolean deletionProtection) {
        super(scope, id);
        this.table = Table.Builder.create(this, "Table")
                .tableName(Wiring.TABLE_NAME)
                .partitionKey(stringKey("pk"))
                .sortKey(stringKey("sk"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(Wiring.TTL_ATTRIBUTE)
                .deletionProtection(deletionProtection)
                // the transition history is the audit trail: never dropped with the stack
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (Wiring.IndexDef index : Wiring.INDEXES) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringKey(index.partitionKey()))
                    .sortKey(stringKey(index.sortKey()))
                    // readers take the lead id from the key and load the lead's partition anyway
                    .projectionType(ProjectionType.KEYS_ONLY)
                    .build());
        }
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public Table table() {
        return table;
    }

    public String tableName() {
        return table.getTableName();
    }

    public void grantRead(Role role) {
        grant(role, READ_ACTIONS);
    }

    public void grantReadWrite(Role role) {
        grant(role, concat(READ_ACTIONS, WRITE_ACTIONS));
    }

    private void grant(Role role, List<String> tableActions) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(tableActions)
                .resources(List.of(table.getTableArn()))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(INDEX_ACTIONS)
                .resources(Wiring.INDEXES.stream().map(i -> table.getTableArn() + "/index/" + i.name()).toList())
                .build());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
