package io.stagegate.it;

import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same intake contract against LocalStack (DynamoDB, SQS) in Docker. Skipped cleanly, with
 * the reason in the report, where no Docker engine runs (as on the project's build machines);
 * the container field lives in this guarded class because constructing it contacts Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class IntakeOnLocalStackTest extends IntakeContract {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("dynamodb", "sqs");

    private DynamoDbClient dynamoDb;
    private SqsClient sqs;

    private Map<String, String> baseEnvironment() {
        String endpoint = LOCALSTACK.getEndpoint().toString();
        Map<String, String> env = new HashMap<>();
        env.put(Wiring.Env.AWS_REGION, LOCALSTACK.getRegion());
        env.put(Wiring.Env.DYNAMODB_ENDPOINT, endpoint);
        env.put(Wiring.Env.SQS_ENDPOINT, endpoint);
        env.put(Wiring.Env.EVENTBRIDGE_ENDPOINT, endpoint);
        env.put(Wiring.Env.TABLE_NAME, Wiring.TABLE_NAME);
        env.put(Wiring.Env.EVENT_BUS_NAME, Wiring.EVENT_BUS_NAME);
        return env;
    }

    @Override
    Map<String, String> environmentFor(Wiring.FunctionDef function) {
        Map<String, String> env = baseEnvironment();
        for (Wiring.QueueDef q : Wiring.PIPELINE_QUEUES) {
            String url = sqs().createQueue(b -> b.queueName(q.name())
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(q.visibilityTimeoutSeconds()))))
                    .queueUrl();
            if (q == Wiring.SCORING_QUEUE) {
                env.put(Wiring.Env.SCORING_QUEUE_URL, url);
            }
        }
        return env;
    }

    @Override
    DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                    .region(Region.of(LOCALSTACK.getRegion())).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        }
        return dynamoDb;
    }

    private SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                    .region(Region.of(LOCALSTACK.getRegion())).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        }
        return sqs;
    }

    @Override
    List<String> receiveBodies(String queueName, int max, int waitSeconds) {
        String url = sqs().getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        return sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(Math.min(max, 10)).waitTimeSeconds(waitSeconds))
                .messages().stream().map(Message::body).toList();
    }

    @Override
    void purgeQueues() {
        for (Wiring.QueueDef q : Wiring.PIPELINE_QUEUES) {
            sqs().listQueues(b -> b.queueNamePrefix(q.name())).queueUrls().forEach(u -> sqs().purgeQueue(b -> b.queueUrl(u)));
        }
    }

    @AfterAll
    void closeClients() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
