package io.stagegate.model;

import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.Taxonomy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CompiledDefaultModelTest {

    @Test
    @DisplayName("the build writes the shipped model as JSON, and loading it gives the same model as the YAML")
    void compiledDefaultEqualsTheYaml() throws IOException {
        assertThat(LeadModelLoader.class.getResource(LeadModelLoader.COMPILED_DEFAULT_RESOURCE))
                .as("written by LeadModelCompiler in process-classes").isNotNull();
        String yaml;
        try (InputStream in = LeadModelLoader.class.getResourceAsStream(LeadModelLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LeadModel fromYaml = LeadModelLoader.parse(yaml, "test");
        LeadModel compiled = LeadModelLoader.loadDefault();

        assertThat(compiled).usingRecursiveComparison()
                .ignoringFieldsOfTypes(Pattern.class)
                .isEqualTo(fromYaml);
        // patterns have no equals: compare their sources
        assertThat(compiled.taxonomy().roles()).extracting(r -> r.titlePatterns().stream().map(Pattern::pattern).toList())
                .isEqualTo(fromYaml.taxonomy().roles().stream().map(Taxonomy.Role::titlePatterns)
                        .map(ps -> ps.stream().map(Pattern::pattern).toList()).toList());
    }
}
