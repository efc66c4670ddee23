package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.stream.Stream;

/**
 * Creates the table on the local stand-in (in AWS the CDK stack does, from the same
 * {@link Wiring} names). Idempotent.
 */
public final class TableSchema {

    private TableSchema() {
    }

    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Stream.concat(Stream.of("pk", "sk"), Wiring.INDEXES.stream()
                                    .flatMap(i -> Stream.of(i.partitionKey(), i.sortKey())))
                            .map(TableSchema::attr).toList())
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(Wiring.INDEXES.stream().map(i -> GlobalSecondaryIndex.builder()
                            .indexName(i.name())
                            .keySchema(key(i.partitionKey(), KeyType.HASH), key(i.sortKey(), KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                            .build()).toList())
                    .build());
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        } catch (ResourceInUseException e) {
            // already there
        }
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
