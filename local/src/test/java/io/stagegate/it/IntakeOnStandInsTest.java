package io.stagegate.it;

import io.stagegate.local.StandIns;
import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Map;

/** The intake contract on the embedded stand-ins (dynalite, ElasticMQ): always runs. */
class IntakeOnStandInsTest extends IntakeContract {

    private final StandIns aws = StandIns.shared();

    @Override
    Map<String, String> environmentFor(Wiring.FunctionDef function) {
        return aws.environmentFor(function);
    }

    @Override
    DynamoDbClient dynamoDb() {
        return aws.dynamoDb();
    }

    @Override
    List<String> receiveBodies(String queueName, int max, int waitSeconds) {
        return aws.receiveBodies(queueName, max, waitSeconds);
    }

    @Override
    void purgeQueues() {
        aws.purgeQueues();
    }
}
