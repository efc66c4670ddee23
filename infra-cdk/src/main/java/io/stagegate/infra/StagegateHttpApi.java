package io.stagegate.infra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.stagegate.wiring.Wiring.HttpTrigger;
import io.stagegate.wiring.Wiring.RouteDef;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.Annotations;
import software.constructs.Construct;

/**
 * The HTTP API: every route of every {@link HttpTrigger} to its function's {@code live} alias.
 * Public routes (web forms) have no authorizer, rely on stage throttling and the CORS
 * allow-list; every other route is behind the JWT authorizer. Access logs go to a log group.
 */
public class StagegateHttpApi extends Construct {

    static final String API_NAME = "stagegate-http-api";
    /** HTTP API $context variables; one JSON object per request. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
            + "\"latencyMs\":\"$context.responseLatency\",\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"authorizerError\":\"$context.authorizer.error\"}";

    private final HttpApi api;
    private final HttpStage stage;
    private final List<HttpRoute> publicRoutes = new ArrayList<>();
    private final List<HttpRoute> protectedRoutes = new ArrayList<>();

    public StagegateHttpApi(Construct scope, String id, StagegateConfig config, Functions functions) {
        super(scope, id);
        HttpApi.Builder apiBuilder = HttpApi.Builder.create(this, "Api")
                .apiName(API_NAME)
                .description("Stagegate: public intake, authenticated lead actions and reports")
                .createDefaultStage(false);
        if (!config.allowedOrigins().isEmpty()) {
            apiBuilder.corsPreflight(CorsPreflightOptions.builder()
                    .allowOrigins(config.allowedOrigins())
                    .allowMethods(corsMethods(functions))
                    .allowHeaders(List.of("content-type", "idempotency-key", "authorization"))
                    .maxAge(Duration.hours(1))
                    .build());
        }
        this.api = apiBuilder.build();

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
        this.stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                // the default route throttling of the stage is what shields the public intake routes
                .throttle(ThrottleSettings.builder()
                        .rateLimit(config.throttleRateLimit())
                        .burstLimit(config.throttleBurstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();

        if (config.jwtIssuerIsPlaceholder()) {
            Annotations.of(this).addWarningV2("stagegate:jwtIssuer",
                    "context 'jwtIssuer' is not set: the protected routes accept no token until it is");
        }
        HttpJwtAuthorizer jwt = new HttpJwtAuthorizer("JwtAuthorizer", config.jwtIssuer(),
                HttpJwtAuthorizerProps.builder()
                        .authorizerName("stagegate-jwt")
                        .jwtAudience(config.jwtAudience())
                        .build());

        for (StagegateFunction fn : functions.all()) {
            if (!(fn.def().trigger() instanceof HttpTrigger http)) {
                continue;
            }
            HttpLambdaIntegration integration = new HttpLambdaIntegration(fn.def().name() + "-integration", fn.alias());
            for (RouteDef route : http.routes()) {
                AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                        .path(route.path())
                        .methods(List.of(HttpMethod.valueOf(route.method())))
                        .integration(integration);
                if (!route.isPublic()) {
                    options.authorizer(jwt);
                }
                List<HttpRoute> added = api.addRoutes(options.build());
                if (route.isPublic()) {
                    publicRoutes.addAll(added);
                    added.forEach(r -> NagSuppressions.addResourceSuppressions(r, List.of(NagPackSuppression.builder()
                            .id("AwsSolutions-APIG4")
                            .reason("Public by contract (API.md, intake for web forms): " + route.routeKey()
                                    + " is called by anonymous browsers; the stage throttling, the CORS allow-list, "
                                    + "the honeypot field and idempotency keys protect it instead of an authorizer.")
                            .build())));
                } else {
                    protectedRoutes.addAll(added);
                }
            }
        }
    }

    private static List<CorsHttpMethod> corsMethods(Functions functions) {
        Set<CorsHttpMethod> methods = new LinkedHashSet<>();
        for (StagegateFunction fn : functions.all()) {
            if (fn.def().trigger() instanceof HttpTrigger http) {
                http.routes().forEach(r -> methods.add(CorsHttpMethod.valueOf(r.method())));
            }
        }
        methods.add(CorsHttpMethod.OPTIONS);
        return List.copyOf(methods);
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }

    public String url() {
        return stage.getUrl();
    }

    public List<HttpRoute> publicRoutes() {
        return List.copyOf(publicRoutes);
    }

    public List<HttpRoute> protectedRoutes() {
        return List.copyOf(protectedRoutes);
    }
}
