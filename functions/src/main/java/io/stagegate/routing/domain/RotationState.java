package io.stagegate.routing.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Who in each team got the last lead. Stored and audited by the caller; the router only reads
 * it and returns the next state, so fairness survives restarts and is inspectable.
 */
public record RotationState(Map<String, String> lastAssignedByTeam) {

    public static final RotationState EMPTY = new RotationState(Map.of());

    public RotationState {
        lastAssignedByTeam = Map.copyOf(lastAssignedByTeam);
    }

    public String lastAssigned(String team) {
        return lastAssignedByTeam.get(team);
    }

    public RotationState assigned(String team, String member) {
        Map<String, String> next = new HashMap<>(lastAssignedByTeam);
        next.put(team, member);
        return new RotationState(next);
    }
}
