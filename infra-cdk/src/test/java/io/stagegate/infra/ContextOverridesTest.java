package io.stagegate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The other side of each context default: one more App, built once for this class. */
class ContextOverridesTest {

    private static StagegateStack stack;
    private static Template template;

    @BeforeAll
    static void synth() {
        App app = new App(AppProps.builder()
                .context(Map.of(
                        "environment", "prod",
                        "functionsJar", SynthesizedStack.placeholderJar().toString(),
                        "teams", "cloud-security, grc",
                        "deletionProtection", "false",
                        "alarmEmail", "soc-oncall@example.com"))
                .build());
        stack = StagegateApp.build(app);
        template = Template.fromStack(stack);
    }

    @Test
    void teamsContextDecidesTheSalesQueues() {
        // 4 pipeline queues + 2 teams, each with a DLQ
        template.resourceCountIs("AWS::SQS::Queue", (Wiring.PIPELINE_QUEUES.size() + 2) * 2);
        for (String team : List.of("cloud-security", "grc")) {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", Wiring.salesQueue(team).name()));
        }
        assertThat(stack.getStackName()).isEqualTo("prod-stagegate");
    }

    @Test
    void deletionProtectionCanBeSwitchedOff() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
    }

    @Test
    void withoutOriginsThereIsNoCorsAndWithoutIssuerTheProtectedRoutesStayClosed() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Match.absent()));
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of("JwtConfiguration",
                Map.of("Issuer", StagegateConfig.PLACEHOLDER_JWT_ISSUER)));
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(".*jwtIssuer.*"))).isNotEmpty();
    }

    @Test
    void alarmEmailSubscribesToTheTopic() {
        template.hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "soc-oncall@example.com"));
    }

    @Test
    void withoutLeadModelTheHandlersUseTheModelInTheJar() {
        assertThat(template.toJSON().toString()).doesNotContain(Wiring.Env.LEAD_MODEL);
    }
}
