package io.stagegate.infra;

import java.nio.file.Path;
import java.util.Map;

import io.stagegate.wiring.Wiring.FunctionDef;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Lambda function of the wiring: its own role (no managed policy; logs only to its own log
 * group), JSON logs kept a month, SnapStart, and the {@code live} alias that every trigger
 * invokes — SnapStart applies only to published versions, never to {@code $LATEST}.
 */
public class StagegateFunction extends Construct {

    /**
     * Java 25 is the newest Java runtime of aws-cdk-lib 2.232.1 and supports SnapStart (the CDK
     * validates that at synth). The jar is compiled for release 17 and runs unchanged on 25.
     */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    public static final String ALIAS_NAME = "live";
    static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

    private final FunctionDef def;
    private final Role role;
    private final LogGroup logGroup;
    private final Function function;
    private final Alias alias;

    public StagegateFunction(Construct scope, String id, FunctionDef def, Code code, Map<String, String> environment) {
        super(scope, id);
        this.def = def;
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Execution role of " + def.name() + ": only the resources its environment names")
                .build();
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + def.name())
                .retention(LOG_RETENTION)
                // operational logs; the table holds the audit trail
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logGroup.grantWrite(role);
        this.function = Function.Builder.create(this, "Function")
                .functionName(def.name())
                .description(def.handlerClass())
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(def.handler())
                .memorySize(def.memoryMb())
                .timeout(Duration.seconds(def.timeoutSeconds()))
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();
        function.getNode().addDependency(logGroup);
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "versions are published: currentVersion behind the 'live' alias below");
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    public static Code codeFrom(Path jar) {
        return Code.fromAsset(jar.toString());
    }

    public FunctionDef def() {
        return def;
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    /** What triggers invoke: the published SnapStart version behind {@code live}. */
    public Alias alias() {
        return alias;
    }
}
