package io.stagegate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.Test;

/** Context handling and the functions jar lookup; no CDK App (fast). */
class ConfigurationTest {

    @Test
    void missingFunctionsJarFailsWithTheBuildCommand() {
        assertThatThrownBy(() -> FunctionsJar.resolve(Optional.of("target/no-such-dir/absent-lambda.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("absent-lambda.jar")
                .hasMessageContaining("mvn -pl functions package");
    }

    @Test
    void defaultFunctionsJarIsTheShadedArtifactOfTheFunctionsModule() {
        assertThat(FunctionsJar.defaultRelativePath())
                .isEqualTo("../functions/target/stagegate-functions-" + System.getProperty(FunctionsJar.VERSION_PROPERTY)
                        + "-lambda.jar");
        assertThat(FunctionsJar.moduleDir().getFileName()).isEqualTo(Path.of("infra-cdk"));
    }

    @Test
    void leadModelContextSelectsAClasspathResource() {
        assertThat(StagegateConfig.leadModelLocation("models/acme.yaml")).isEqualTo("classpath:models/acme.yaml");
        assertThat(StagegateConfig.leadModelLocation("classpath:x.yaml")).isEqualTo("classpath:x.yaml");
        assertThat(StagegateConfig.leadModelLocation("/var/task/x.yaml")).isEqualTo("/var/task/x.yaml");
    }

    @Test
    void defaultTeamsMakeValidQueueNames() {
        for (String team : SalesTeams.DEFAULT_TEAMS) {
            assertThat(Wiring.salesQueue(team).dlqName()).matches("[A-Za-z0-9_-]{1,80}");
        }
    }

    @Test
    void outputIdsAreAlphanumeric() {
        assertThat(StagegateStack.outputId("SalesQueueUrl", "vulnerability-management"))
                .isEqualTo("SalesQueueUrlVulnerabilityManagement");
    }

    @Test
    void eventPatternsRejectFieldsEventBridgeDoesNotHave() {
        assertThatThrownBy(() -> EventPatterns.fromJson("{\"detailType\":[\"x\"]}"))
                .hasMessageContaining("detailType");
        assertThat(EventPatterns.parse(Wiring.RULES.get(0).pattern())).containsKey("detail-type");
    }

    @Test
    void readOnlyTableAccessOnlyForGetOnlyApis() {
        assertThat(Wiring.FUNCTIONS.stream().filter(Functions::readsOnly).map(Wiring.FunctionDef::name).toList())
                .isEqualTo(List.of(Wiring.REPORTS.name()));
    }
}
