package io.stagegate.infra;

import io.stagegate.wiring.Wiring;
import java.util.List;

import software.constructs.Node;

/**
 * The sales team ids, one notification queue each ({@code Wiring.salesQueue(team)}).
 *
 * <p>The one place the stack learns the teams: context {@code teams} (comma list) or
 * {@link Wiring#DEFAULT_SALES_TEAMS}, which a functions test keeps equal to the default lead
 * model's routing teams.
 */
public final class SalesTeams {

    public static final String CONTEXT_KEY = "teams";

    /** The routing teams of the default lead model shipped in the functions jar (kept equal by a test there). */
    public static final List<String> DEFAULT_TEAMS = Wiring.DEFAULT_SALES_TEAMS;

    private SalesTeams() {
    }

    public static List<String> ids(Node node) {
        List<String> teams = ContextValues.list(node, CONTEXT_KEY).orElse(DEFAULT_TEAMS);
        for (String team : teams) {
            // the team id becomes part of an SQS queue name (80 chars: letters, digits, - and _)
            if (!team.matches("[a-z0-9][a-z0-9_-]{0,60}")) {
                throw new IllegalArgumentException("context '" + CONTEXT_KEY + "': team id '" + team
                        + "' must be lower-case letters, digits, '-' or '_' (it becomes a queue name)");
            }
        }
        if (teams.isEmpty()) {
            throw new IllegalArgumentException("context '" + CONTEXT_KEY + "' lists no team: routing needs at least one");
        }
        return List.copyOf(teams);
    }
}
