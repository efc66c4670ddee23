package io.stagegate.sales;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stagegate.aws.Components;
import io.stagegate.aws.Transitions;
import io.stagegate.aws.http.ApiException;
import io.stagegate.aws.http.Http;
import io.stagegate.aws.http.Logs;
import io.stagegate.wiring.Wiring;

import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /v1/leads/{leadId}}, {@code GET /v1/leads/{leadId}/transitions} and
 * {@code POST /v1/leads/{leadId}/actions}. In AWS the JWT authorizer guards these routes; locally
 * a bearer token is required when {@code STAGEGATE_API_TOKEN} is set.
 */
public final class LeadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final LeadsApi api;
    private final String apiToken;

    public LeadsHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    public LeadsHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    public LeadsHandler(Map<String, String> env, Clock clock) {
        Components c = new Components(env, Wiring.LEADS.env().stream()
                .filter(n -> !n.equals(Wiring.Env.LEAD_MODEL)).toList(), clock);
        this.apiToken = c.config().apiToken();
        this.api = new LeadsApi(c.store(), new Transitions(c.store(), c.publisher()), c.engine(), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.http(event, context, () -> {
            Http.requireToken(event, apiToken);
            return switch (Http.routeKey(event)) {
                case "GET /v1/leads/{leadId}" -> api.lead(event);
                case "GET /v1/leads/{leadId}/transitions" -> api.transitions(event);
                case "POST /v1/leads/{leadId}/actions" -> api.action(event);
                default -> throw new ApiException(404, "NOT_FOUND", "no route " + Http.routeKey(event), null);
            };
        });
    }
}
