package io.stagegate.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack, synthesised once per test JVM (a new App costs 1.5–4 s), with the cdk-nag
 * AwsSolutions aspect applied exactly as {@link StagegateApp#main} applies it.
 *
 * <p>The functions jar: {@code mvn -pl infra-cdk -am test} runs {@code test} before the
 * functions module's {@code package}, so the shaded jar may not exist yet. The tests therefore
 * always point context {@code functionsJar} at a tiny placeholder jar created under
 * {@code infra-cdk/target}: the template does not depend on the jar's content (only its asset
 * hash), and the tests give the same result whether or not the functions were packaged.
 */
final class SynthesizedStack {

    static final String JWT_ISSUER = "https://auth.example.com/";
    static final String JWT_AUDIENCE = "stagegate-api";
    static final String ALLOWED_ORIGINS = "https://www.example.com,https://go.example.com";
    static final String LEAD_MODEL = "models/acme-lead-model.yaml";

    private static SynthesizedStack instance;

    final App app;
    final StagegateStack stack;
    final Template template;
    final JsonNode json;

    private SynthesizedStack() {
        app = new App(AppProps.builder()
                .context(Map.of(
                        "environment", "test",
                        "functionsJar", placeholderJar().toString(),
                        "jwtIssuer", JWT_ISSUER,
                        "jwtAudience", JWT_AUDIENCE,
                        "allowedOrigins", ALLOWED_ORIGINS,
                        "leadModel", LEAD_MODEL))
                .build());
        stack = StagegateApp.build(app);
        Aspects.of(app).add(new AwsSolutionsChecks());
        template = Template.fromStack(stack);
        json = new ObjectMapper().valueToTree(template.toJSON());
    }

    static synchronized SynthesizedStack get() {
        if (instance == null) {
            instance = new SynthesizedStack();
        }
        return instance;
    }

    /** An empty-but-valid jar; created once under target/. */
    static Path placeholderJar() {
        Path jar = FunctionsJar.moduleDir().resolve("target/test-functions/placeholder-lambda.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
                zip.putNextEntry(new JarEntry("PLACEHOLDER.txt"));
                zip.write("stand-in for the functions jar in infra-cdk tests".getBytes());
                zip.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
