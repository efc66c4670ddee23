package io.stagegate.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import software.constructs.Node;

/**
 * Every deployment parameter, read once from CDK context ({@code -c key=value} or cdk.json).
 *
 * @param environment    prefix of the stack name (e.g. {@code dev}, {@code prod})
 * @param teams          sales team ids: one notification queue each
 * @param allowedOrigins CORS allow-list of the HTTP API (web form origins); empty: no CORS
 * @param jwtIssuer      issuer URL of the JWT authorizer of the non-public routes
 * @param jwtAudience    accepted audiences of those tokens
 * @param leadModel      value of STAGEGATE_LEAD_MODEL: a classpath resource of the functions jar
 *                       ({@code classpath:models/acme.yaml}) or absent for the default model
 * @param functionsJar   the shaded Lambda jar
 * @param deletionProtection DynamoDB deletion protection (on unless switched off)
 * @param throttleRateLimit  stage default route throttling: steady requests per second
 * @param throttleBurstLimit stage default route throttling: burst
 * @param alarmEmail     optional e-mail subscription of the alarm topic
 */
public record StagegateConfig(
        String environment,
        List<String> teams,
        List<String> allowedOrigins,
        String jwtIssuer,
        List<String> jwtAudience,
        Optional<String> leadModel,
        Path functionsJar,
        boolean deletionProtection,
        int throttleRateLimit,
        int throttleBurstLimit,
        Optional<String> alarmEmail) {

    /** Used when no issuer is given: no token can validate, so the protected routes stay closed. */
    public static final String PLACEHOLDER_JWT_ISSUER = "https://jwt-issuer.invalid";
    public static final List<String> PLACEHOLDER_JWT_AUDIENCE = List.of("stagegate");

    public static StagegateConfig fromContext(Node node) {
        String environment = ContextValues.string(node, "environment").orElse("dev");
        if (!environment.matches("[A-Za-z][A-Za-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("context 'environment' must start with a letter and use letters, digits or '-': "
                    + environment);
        }
        return new StagegateConfig(
                environment,
                SalesTeams.ids(node),
                ContextValues.list(node, "allowedOrigins").orElse(List.of()),
                ContextValues.string(node, "jwtIssuer").orElse(PLACEHOLDER_JWT_ISSUER),
                ContextValues.list(node, "jwtAudience").orElse(PLACEHOLDER_JWT_AUDIENCE),
                ContextValues.string(node, "leadModel").map(StagegateConfig::leadModelLocation),
                FunctionsJar.resolve(ContextValues.string(node, FunctionsJar.CONTEXT_KEY)),
                ContextValues.bool(node, "deletionProtection", true),
                ContextValues.integer(node, "throttleRateLimit", 50),
                ContextValues.integer(node, "throttleBurstLimit", 100),
                ContextValues.string(node, "alarmEmail"));
    }

    public boolean jwtIssuerIsPlaceholder() {
        return PLACEHOLDER_JWT_ISSUER.equals(jwtIssuer);
    }

    /**
     * The lead model ships inside the functions jar; the context names the resource. A bare name
     * becomes {@code classpath:name}; an explicit {@code classpath:} or absolute path is kept.
     */
    static String leadModelLocation(String value) {
        return value.startsWith("classpath:") || value.startsWith("/") ? value : "classpath:" + value;
    }

    public String stackName() {
        return environment + "-stagegate";
    }
}
