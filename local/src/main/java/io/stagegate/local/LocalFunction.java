package io.stagegate.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.stagegate.wiring.Wiring.FunctionDef;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A function of {@link io.stagegate.wiring.Wiring} with its handler instance, invoked in-process. */
public record LocalFunction(FunctionDef def, RequestHandler<Object, Object> handler) {

    @SuppressWarnings("unchecked")
    static LocalFunction of(FunctionDef def, Object handler) {
        if (!(handler instanceof RequestHandler<?, ?>)) {
            throw new LocalStartupException("handler of " + def.name() + " (" + handler.getClass().getName()
                    + ") does not implement com.amazonaws.services.lambda.runtime.RequestHandler");
        }
        return new LocalFunction(def, (RequestHandler<Object, Object>) handler);
    }

    public String name() {
        return def.name();
    }

    /** Calls the handler like Lambda would, with a fresh {@link Context}; exceptions propagate. */
    public Object invoke(Object event) {
        return handler.handleRequest(event, new LocalContext(def));
    }

    /** The Lambda context: request id, function name, remaining time from the function's timeout. */
    static final class LocalContext implements Context {
        private final FunctionDef def;
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline;
        private final Logger log;

        LocalContext(FunctionDef def) {
            this.def = def;
            this.deadline = System.currentTimeMillis() + def.timeoutSeconds() * 1000L;
            this.log = LoggerFactory.getLogger("lambda." + def.name());
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + def.name();
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return def.name();
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + AwsClients.REGION.id() + ":" + AwsClients.ACCOUNT_ID + ":function:" + def.name();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return def.memoryMb();
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    log.info(message.stripTrailing());
                }

                @Override
                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
