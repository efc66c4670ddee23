package io.stagegate.model;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step ({@code process-classes}): validates the shipped lead model fully (schema and every
 * reference: a bad default fails the build) and writes it as JSON next to the classes, so Lambda
 * reads it without loading the YAML parser or the schema validator at cold start.
 *
 * <p>{@code java io.stagegate.model.LeadModelCompiler lead-model.yaml out/lead-model.compiled.json}
 */
public final class LeadModelCompiler {

    private LeadModelCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LeadModelCompiler <lead-model.yaml> <output.json>");
        }
        String yaml = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        LeadModelLoader.parse(yaml, args[0]); // throws LeadModelException naming every problem
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, new ObjectMapper().writeValueAsString(LeadModelLoader.readYamlTree(yaml)),
                StandardCharsets.UTF_8);
    }
}
