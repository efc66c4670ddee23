package io.stagegate.infra;

import java.util.HashMap;
import java.util.Map;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app. Run by the cdk CLI (cdk.json) or alone to synthesise into {@code cdk.out}.
 * Context comes from the CLI ({@code -c key=value}, cdk.json) or, when run without the CLI,
 * from JVM properties {@code -Dcdk.context.key=value}.
 */
public final class StagegateApp {

    static final String CONTEXT_PROPERTY_PREFIX = "cdk.context.";

    private StagegateApp() {
    }

    public static void main(String[] args) {
        App app = new App(appProps());
        StagegateStack stack = build(app);
        // every synth runs the AwsSolutions rules: an unsuppressed error fails `cdk synth`
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
        System.err.println("Synthesised " + stack.getStackName() + " into " + app.getOutdir());
    }

    /** The stack with its configuration read from the app's context. */
    public static StagegateStack build(App app) {
        StagegateConfig config = StagegateConfig.fromContext(app.getNode());
        return new StagegateStack(app, config.stackName(), StackProps.builder()
                .stackName(config.stackName())
                .description("Stagegate lead-stage engine (" + config.environment() + ")")
                .env(environment())
                .build(), config);
    }

    /** Account/region of the CLI's profile when known; otherwise an environment-agnostic template. */
    private static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account == null || region == null) {
            return null;
        }
        return Environment.builder().account(account).region(region).build();
    }

    private static AppProps appProps() {
        AppProps.Builder props = AppProps.builder();
        Map<String, Object> context = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(CONTEXT_PROPERTY_PREFIX)) {
                context.put(k.toString().substring(CONTEXT_PROPERTY_PREFIX.length()), v.toString());
            }
        });
        if (!context.isEmpty()) {
            props.context(context);
        }
        // without the CLI there is no CDK_OUTDIR: write next to the module, like `cdk synth` does
        if (System.getenv("CDK_OUTDIR") == null) {
            props.outdir(FunctionsJar.moduleDir().resolve("cdk.out").toString());
        }
        return props.build();
    }
}
