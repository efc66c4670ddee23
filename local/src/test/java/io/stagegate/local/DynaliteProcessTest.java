package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynaliteProcessTest {

    @Test
    void startedDynaliteServesACreateTablePutItemGetItemRoundTrip() {
        try (DynaliteProcess dynalite = DynaliteProcess.start(0, null);
             DynamoDbClient dynamo = AwsClients.dynamoDb(dynalite.endpoint())) {
            dynamo.createTable(b -> b.tableName("round-trip")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName("round-trip"));
            dynamo.putItem(b -> b.tableName("round-trip").item(Map.of(
                    "pk", AttributeValue.fromS("LEAD#1"), "stage", AttributeValue.fromS("NEW_INBOUND"))));

            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("round-trip")
                    .key(Map.of("pk", AttributeValue.fromS("LEAD#1")))).item();

            assertThat(item).containsEntry("stage", AttributeValue.fromS("NEW_INBOUND"));
        }
    }

    @Test
    void closedDynaliteNoLongerAcceptsConnections() {
        DynaliteProcess dynalite = DynaliteProcess.start(0, null);
        int port = dynalite.port();
        dynalite.close();
        assertThat(Ports.accepts(port)).isFalse();
    }

    @Test
    void aTakenPortIsReportedWithTheFlagToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertThatThrownBy(() -> DynaliteProcess.start(taken.getLocalPort(), null))
                    .isInstanceOf(LocalStartupException.class)
                    .hasMessage("port " + taken.getLocalPort() + " is in use; pass --dynamodb-port to choose another");
        }
    }

    @Test
    void nodeVersionsAreReadByTheirMajorNumber() {
        assertThat(DynaliteProcess.nodeMajor("v20.20.2")).isEqualTo(20);
        assertThat(DynaliteProcess.nodeMajor("v18.1.0\n")).isEqualTo(18);
        assertThat(DynaliteProcess.nodeMajor("garbage")).isEqualTo(-1);
    }
}
