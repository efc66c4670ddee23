package io.stagegate.routing.domain;

import java.util.List;

/**
 * Where a lead goes: team, person, the use case it was routed on, the reasons in words, and the
 * rotation state after this assignment.
 */
public record RoutingDecision(String team, String owner, String useCase, List<String> reasons,
                              RotationState rotation) {

    public RoutingDecision {
        reasons = List.copyOf(reasons);
    }
}
