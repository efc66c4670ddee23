package io.stagegate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.HttpTrigger;
import io.stagegate.wiring.Wiring.RouteDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag AwsSolutions on the synthesised stack: nothing unsuppressed, each suppression justified. */
class CdkNagTest {

    private static Annotations annotations;
    private static JsonNode resources;

    @BeforeAll
    static void synth() {
        SynthesizedStack synthesized = SynthesizedStack.get();
        annotations = Annotations.fromStack(synthesized.stack);
        resources = synthesized.json.get("Resources");
    }

    @Test
    void noUnsuppressedAwsSolutionsError() {
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void noUnsuppressedAwsSolutionsWarning() {
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void suppressionsAreOnlyOnThePublicRoutesEachWithARealReason() {
        List<String> publicRouteKeys = Wiring.FUNCTIONS.stream()
                .filter(f -> f.trigger() instanceof HttpTrigger)
                .flatMap(f -> ((HttpTrigger) f.trigger()).routes().stream())
                .filter(RouteDef::isPublic).map(RouteDef::routeKey).toList();
        List<String> suppressedRouteKeys = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            JsonNode rules = e.getValue().path("Metadata").path("cdk_nag").path("rules_to_suppress");
            for (JsonNode rule : rules) {
                assertThat(rule.path("id").asText()).as(e.getKey()).isEqualTo("AwsSolutions-APIG4");
                assertThat(rule.path("reason").asText()).as(e.getKey()).hasSizeGreaterThan(60);
                assertThat(e.getValue().path("Type").asText()).isEqualTo("AWS::ApiGatewayV2::Route");
                String routeKey = e.getValue().path("Properties").path("RouteKey").asText();
                assertThat(rule.path("reason").asText()).contains(routeKey);
                suppressedRouteKeys.add(routeKey);
            }
        });
        assertThat(suppressedRouteKeys).containsExactlyInAnyOrderElementsOf(publicRouteKeys);
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder b = new StringBuilder();
        for (SynthesisMessage m : messages) {
            Object data = m.getEntry().getData();
            b.append('\n').append(m.getId()).append(": ").append(data instanceof Map<?, ?> ? data : String.valueOf(data));
        }
        return b.toString();
    }
}
