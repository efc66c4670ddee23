package io.stagegate.model;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** loadDefault() skips the JSON Schema at run time (cold start); this is where the shipped model meets it. */
class DefaultLeadModelSchemaTest {

    @Test
    void theShippedModelPassesTheSchemaAndEveryCheck() throws Exception {
        String yaml;
        try (InputStream in = LeadModelLoader.class.getResourceAsStream(LeadModelLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(LeadModelLoader.parse(yaml, "classpath:" + LeadModelLoader.DEFAULT_RESOURCE)).isNotNull();
    }
}
