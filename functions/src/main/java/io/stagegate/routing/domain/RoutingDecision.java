package io.stagegate.routing.domain;

import java.util.List;

/**
 * Where a lead goes: team, person, the use case it was routed on, the reasons in words, and the
 * rotation state after this assignment. {@code rotationKey} names the round-robin the owner was
 * taken from: the team, or the team's territory or partner segment when only part of it was
 * eligible (so each segment rotates fairly on its own).
 */
public record RoutingDecision(String team, String owner, String useCase, List<String> reasons,
                              RotationState rotation, String rotationKey) {

    public RoutingDecision {
        reasons = List.copyOf(reasons);
    }
}
