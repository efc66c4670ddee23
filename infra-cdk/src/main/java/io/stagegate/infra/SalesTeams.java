package io.stagegate.infra;

import java.util.List;

import software.constructs.Node;

/**
 * The sales team ids, one notification queue each ({@code Wiring.salesQueue(team)}).
 *
 * <p>The one place the stack learns the teams. Today: context {@code teams} (comma list) or the
 * default below. When the functions module exposes the lead model's routing teams, replace the
 * body of {@link #ids(Node)} with that call; nothing else in the stack changes.
 */
public final class SalesTeams {

    public static final String CONTEXT_KEY = "teams";

    /** Mirrors the routing teams of the default lead model shipped in the functions jar. */
    public static final List<String> DEFAULT_TEAMS = List.of(
            "cloud-security", "endpoint", "identity", "incident-response", "soc-platform",
            "vulnerability-management", "grc", "sdr", "partner-management");

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
