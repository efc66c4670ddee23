package io.stagegate.it;

import io.stagegate.aws.AwsClients;
import io.stagegate.aws.Components;
import io.stagegate.local.StandIns;
import io.stagegate.local.TableSchema;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** SnapStart priming runs the request paths against the real clients and changes nothing. */
class PrimingTest {

    @Test
    @DisplayName("priming reads once through the DynamoDB client and writes, sends and publishes nothing")
    void primingExercisesTheClientsWithoutSideEffects() {
        StandIns aws = StandIns.shared();
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        List<String> operations = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        AwsClients.addInterceptor(recorder);
        try {
            Components components = new Components(aws.environmentFor(Wiring.SCORING),
                    List.of(Wiring.Env.TABLE_NAME), Clock.systemUTC());
            int itemsBefore = itemCount(aws);

            components.prime();

            assertThat(operations).containsExactly("Query");
            assertThat(itemCount(aws)).isEqualTo(itemsBefore);
        } finally {
            AwsClients.removeInterceptor(recorder);
        }
    }

    private static int itemCount(StandIns aws) {
        return aws.dynamoDb().scanPaginator(ScanRequest.builder().tableName(Wiring.TABLE_NAME).build()).stream()
                .mapToInt(page -> page.count()).sum();
    }
}
