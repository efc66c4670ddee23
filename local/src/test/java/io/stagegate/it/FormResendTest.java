package io.stagegate.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stagegate.aws.AwsClients;
import io.stagegate.aws.LeadStore;
import io.stagegate.intake.IntakeHandler;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.StandIns;
import io.stagegate.local.TableSchema;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form whose signal was stored but whose lead update failed (DynamoDB down for the snapshot
 * write; the client got a 5xx) is applied when the client sends it again — and an older form sent
 * again never turns a newer one's fields back.
 */
class FormResendTest {

    private final StandIns aws = StandIns.shared();
    private final AtomicBoolean snapshotWritesFail = new AtomicBoolean();
    private final ExecutionInterceptor outage = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (snapshotWritesFail.get() && context.request() instanceof PutItemRequest put
                    && "LEAD".equals(put.item().get("sk").s())) {
                throw SdkClientException.create("injected: DynamoDB unavailable for the snapshot write");
            }
        }
    };
    private final IntakeHandler intake;
    private final LeadStore store = new LeadStore(aws.dynamoDb(), Wiring.TABLE_NAME, 180);
    private final String email = "form-resend-" + UUID.randomUUID().toString().substring(0, 8) + "@northbank.example";

    FormResendTest() {
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        AwsClients.addInterceptor(outage);
        intake = new IntakeHandler(aws.environmentFor(Wiring.INTAKE));
    }

    @AfterEach
    void removeOutage() {
        AwsClients.removeInterceptor(outage);
    }

    @Test
    @DisplayName("a resent form whose lead update failed the first time is applied, and counted once")
    void aResentFormIsAppliedAfterAFailedLeadUpdate() {
        assertThat(post("sub-1", "Security Analyst", "2026-12-01T10:00:00Z").getStatusCode()).isEqualTo(202);

        snapshotWritesFail.set(true);
        assertThat(post("sub-2", "Chief Information Security Officer", "2026-12-02T10:00:00Z").getStatusCode())
                .as("the lead update fails").isGreaterThanOrEqualTo(500);
        assertThat(lead().person().jobTitle()).isEqualTo("Security Analyst");

        snapshotWritesFail.set(false);
        APIGatewayV2HTTPResponse resent = post("sub-2", "Chief Information Security Officer", "2026-12-02T10:00:00Z");

        assertThat(resent.getStatusCode()).isEqualTo(202);
        assertThat(resent.getBody()).contains("\"duplicate\":true");
        assertThat(lead().person().jobTitle()).isEqualTo("Chief Information Security Officer");
        assertThat(store.load(LeadIds.fromEmail(email)).orElseThrow().signals()).hasSize(2);
    }

    @Test
    @DisplayName("an older form sent again after a newer one was applied leaves the newer fields, and writes nothing")
    void anOlderResendDoesNotOverwriteANewerForm() {
        post("sub-1", "Security Analyst", "2026-12-01T10:00:00Z");
        post("sub-2", "Chief Information Security Officer", "2026-12-02T10:00:00Z");
        long version = lead().version();

        APIGatewayV2HTTPResponse resent = post("sub-1", "Security Analyst", "2026-12-01T10:00:00Z");

        assertThat(resent.getStatusCode()).isEqualTo(202);
        assertThat(lead().person().jobTitle()).isEqualTo("Chief Information Security Officer");
        assertThat(lead().version()).as("no snapshot write for a resend").isEqualTo(version);
        assertThat(post("sub-2", "Chief Information Security Officer", "2026-12-02T10:00:00Z").getStatusCode()).isEqualTo(202);
        assertThat(lead().version()).as("nor for a resend of the form the lead reflects").isEqualTo(version);
    }

    private APIGatewayV2HTTPResponse post(String submissionId, String jobTitle, String occurredAt) {
        String body = """
                {"submissionId":"%s","formType":"demo_request","email":"%s","firstName":"Dana","company":"Northbank",
                 "jobTitle":"%s","country":"US","industry":"Financial Services","companySize":4200,"consent":true,
                 "occurredAt":"%s"}""".formatted(submissionId + "-" + email.hashCode(), email, jobTitle, occurredAt);
        return intake.handleRequest(Events.request("POST", "/v1/submissions", "/v1/submissions", "application/json",
                body, Map.of()), null);
    }

    private Lead lead() {
        return store.load(LeadIds.fromEmail(email)).orElseThrow().lead();
    }
}
