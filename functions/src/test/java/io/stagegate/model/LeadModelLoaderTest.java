package io.stagegate.model;

import io.stagegate.model.LeadModelException.Problem;
import io.stagegate.model.domain.LeadModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A bad model file is refused as a whole, each problem naming where it is and how to fix it.
 * The bad files are the default file with one realistic edit.
 */
class LeadModelLoaderTest {

    private static final String DEFAULT = read();

    private static String read() {
        try (InputStream in = LeadModelLoader.class.getResourceAsStream(LeadModelLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default text with one edit; fails the test if the text to replace is not there exactly once. */
    private static String edited(String from, String to) {
        assertThat(DEFAULT.indexOf(from)).as("fixture text '%s' is in the default model", from).isNotNegative();
        assertThat(DEFAULT.indexOf(from, DEFAULT.indexOf(from) + 1)).as("'%s' occurs once", from).isNegative();
        return DEFAULT.replace(from, to);
    }

    /** 1-based line of the first occurrence of {@code text} in {@code yaml}. */
    private static int lineOf(String yaml, String text) {
        int idx = yaml.indexOf(text);
        return (int) yaml.substring(0, idx).chars().filter(c -> c == '\n').count() + 1;
    }

    private static List<Problem> problemsOf(String yaml) {
        LeadModelException e = catchThrowableOfType(() -> LeadModelLoader.parse(yaml, "test.yaml"),
                LeadModelException.class);
        assertThat(e).as("the model is refused").isNotNull();
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).as("every problem says how to fix it").isNotBlank());
        return e.problems();
    }

    @Test
    @DisplayName("the default model loads, with its version")
    void defaultModelLoads() {
        LeadModel model = LeadModelLoader.loadDefault();
        assertThat(model.version()).isEqualTo("2026.12.1");
        assertThat(model.motions()).containsKeys("product-demo", "services-assessment", "compliance",
                "managed-service", "partner");
    }

    @Test
    @DisplayName("the default model loads through load(null) and load(classpath:…)")
    void defaultModelLoadsByLocation() {
        assertThat(LeadModelLoader.load(null).version()).isEqualTo("2026.12.1");
        assertThat(LeadModelLoader.load("classpath:" + LeadModelLoader.DEFAULT_RESOURCE).version()).isEqualTo("2026.12.1");
    }

    @Test
    @DisplayName("an unknown stage in a motion is refused, naming its line")
    void unknownStageIsRefused() {
        String bad = edited("SALES_QUALIFIED: {rule: pd-sql-discovery-confirmed",
                "SALES_QUALIFYING: {rule: pd-sql-discovery-confirmed");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.toString()).contains("SALES_QUALIFYING");
            assertThat(p.line()).isEqualTo(lineOf(bad, "SALES_QUALIFYING"));
        });
    }

    @Test
    @DisplayName("a malformed criterion (a threshold that is not a number) is refused, naming its line")
    void malformedCriterionIsRefused() {
        String bad = edited("atLeast: 200", "atLeast: two hundred");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path()).startsWith("/criteria/icp-company-size");
            assertThat(p.line()).isBetween(lineOf(bad, "icp-company-size:"), lineOf(bad, "two hundred"));
        });
    }

    @Test
    @DisplayName("a criterion naming an unknown lead field is refused, listing the known fields")
    void unknownFieldIsRefused() {
        String bad = edited("field: industry\n", "field: sector\n");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.message()).contains("unknown field 'sector'");
            assertThat(p.fix()).contains("industry").contains("companySize");
            assertThat(p.line()).isEqualTo(lineOf(bad, "field: sector"));
        });
    }

    @Test
    @DisplayName("a reference to an unknown criterion is refused, naming its line")
    void unknownCriterionReferenceIsRefused() {
        String bad = edited("criteria: [soc-use-case-signal]", "criteria: [soc-usecase-signal]");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.message()).contains("unknown criterion 'soc-usecase-signal'");
            assertThat(p.line()).isEqualTo(lineOf(bad, "soc-usecase-signal"));
        });
    }

    @Test
    @DisplayName("an industry that is not in the taxonomy is refused, naming the list to add it to")
    void unknownIndustryIsRefused() {
        String bad = edited("in: [financial-services, healthcare,", "in: [financial-services, retail-banking, healthcare,");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.message()).contains("retail-banking");
            assertThat(p.fix()).contains("taxonomy.industries");
            assertThat(p.line()).isEqualTo(lineOf(bad, "retail-banking"));
        });
    }

    @Test
    @DisplayName("an unknown topic in a signal criterion is refused")
    void unknownTopicIsRefused() {
        String bad = edited("topics: [integrations, deployment, architecture]", "topics: [integrations, deployment, blueprints]");
        assertThat(problemsOf(bad)).anySatisfy(p -> {
            assertThat(p.message()).contains("blueprints");
            assertThat(p.fix()).contains("taxonomy.topics");
        });
    }

    @Test
    @DisplayName("two teams with the same id are refused")
    void duplicateTeamIsRefused() {
        String bad = edited("- {id: identity, name: Identity specialists",
                "- {id: endpoint, name: Endpoint specialists, manager: x, members: [{id: a}, {id: b}]}\n"
                        + "    - {id: identity, name: Identity specialists");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.message()).contains("duplicate team 'endpoint'");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    @DisplayName("a criterion cycle is refused, naming a criterion on the cycle")
    void criterionCycleIsRefused() {
        String bad = edited("non-buyer-role:\n    field: role\n    in: [not-a-buyer]", "non-buyer-role:\n    not: icp-fit");
        List<Problem> problems = problemsOf(bad);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.message()).contains("refers to itself");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    @DisplayName("an unknown motion in motionsByForm is refused")
    void unknownMotionIsRefused() {
        String bad = edited("{formType: trial_signup, motion: product-demo}", "{formType: trial_signup, motion: product-trial}");
        assertThat(problemsOf(bad)).anySatisfy(p -> {
            assertThat(p.message()).contains("unknown motion 'product-trial'");
            assertThat(p.line()).isEqualTo(lineOf(bad, "product-trial"));
        });
    }

    @Test
    @DisplayName("a file that is not YAML is refused with the line of the syntax error")
    void invalidYamlIsRefused() {
        String bad = edited("defaultMotion: product-demo", "defaultMotion: [product-demo");
        assertThat(problemsOf(bad)).anySatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    @DisplayName("every problem of a file is reported at once")
    void allProblemsAtOnce() {
        String bad = DEFAULT.replace("criteria: [soc-use-case-signal]", "criteria: [soc-usecase-signal]")
                .replace("field: industry\n", "field: sector\n");
        assertThatThrownBy(() -> LeadModelLoader.parse(bad, "test.yaml"))
                .isInstanceOf(LeadModelException.class)
                .hasMessageContaining("soc-usecase-signal")
                .hasMessageContaining("sector")
                .hasMessageContaining("test.yaml");
    }
}
