package io.stagegate.it;

import io.stagegate.aws.LeadStore;
import io.stagegate.aws.QueueSender;
import io.stagegate.intake.IntakeService;
import io.stagegate.intake.domain.Submission;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.StandIns;
import io.stagegate.local.TableSchema;
import io.stagegate.model.LeadModelLoader;
import io.stagegate.stages.domain.StageEngine;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account contact item behind the buying-group checks is written when it can change: for a new
 * lead and when a later form changes the person's role, not on every form.
 */
class AccountContactsTest {

    private final StandIns aws = StandIns.shared();
    private final AtomicInteger contactWrites = new AtomicInteger();
    private final IntakeService intake;
    private final LeadStore store;

    AccountContactsTest() {
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest r = context.request();
                if (r instanceof PutItemRequest put && put.item().get("sk").s().startsWith("CONTACT#")) {
                    contactWrites.incrementAndGet();
                }
            }
        };
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(aws.dynamoDbEndpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counting))
                .build();
        store = new LeadStore(dynamo, Wiring.TABLE_NAME, 90);
        // scoring requests go nowhere: only the intake's own writes matter here
        SqsClient noQueue = (SqsClient) java.lang.reflect.Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[] {SqsClient.class}, (proxy, method, args) -> method.getName().equals("sendMessage")
                        ? SendMessageResponse.builder().messageId("m").build() : null);
        intake = new IntakeService(store, new QueueSender(noQueue), new StageEngine(LeadModelLoader.loadDefault()), "scoring");
    }

    private Submission form(String email, String jobTitle) {
        return new Submission("sub-" + UUID.randomUUID(), "demo_request", email, null, null, "Buyers", jobTitle, null,
                "US", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    @DisplayName("written for a new lead and on a role change, not for a form that keeps the role; the account sees the current role")
    void writtenOnlyWhenTheRoleChanges() {
        String domain = "contacts-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
        String email = "pat@" + domain;
        String leadId = LeadIds.fromEmail(email);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        intake.submit(form(email, "CISO"), now);
        assertThat(contactWrites.get()).isEqualTo(1);
        String ciso = store.contacts(domain).get(leadId);
        assertThat(ciso).isNotNull();

        intake.submit(form(email, "CISO"), now.plusSeconds(60));
        intake.submit(form(email, null), now.plusSeconds(120)); // no title: the stored one, and its role, stay
        assertThat(contactWrites.get()).as("same role, nothing to write").isEqualTo(1);

        intake.submit(form(email, "Security Architect"), now.plusSeconds(180));
        assertThat(contactWrites.get()).isEqualTo(2);
        String architect = store.contacts(domain).get(leadId);
        assertThat(architect).isNotEqualTo(ciso).isEqualTo(store.load(leadId).orElseThrow().lead().person().role());
        assertThat(store.contacts(domain)).containsOnlyKeys(leadId);
    }
}
