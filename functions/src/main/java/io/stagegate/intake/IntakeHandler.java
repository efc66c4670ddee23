package io.stagegate.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stagegate.aws.Components;
import io.stagegate.aws.http.ApiException;
import io.stagegate.aws.http.Http;
import io.stagegate.aws.http.Logs;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /v1/submissions} and {@code POST /v1/signals}: the public endpoints web forms and
 * tracking post to. Wires and delegates; the rules live in {@link IntakeApi}.
 */
public final class IntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final IntakeApi api;

    public IntakeHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public IntakeHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public IntakeHandler(Map<String, String> env, Clock clock) {
        Components c = new Components(env, Wiring.INTAKE.env().stream()
                .filter(n -> !n.equals(Wiring.Env.LEAD_MODEL)).toList(), clock);
        this.api = new IntakeApi(new IntakeService(c.store(), c.sender(), c.engine(),
                c.config().scoringQueueUrl()), c.engine().normaliser(), clock);
        c.primeAlso(api::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.http(event, context, () -> switch (Http.routeKey(event)) {
            case "POST /v1/submissions" -> api.submission(event);
            case "POST /v1/signals" -> api.signals(event);
            default -> throw new ApiException(404, "NOT_FOUND", "no route " + Http.routeKey(event), null);
        });
    }
}
