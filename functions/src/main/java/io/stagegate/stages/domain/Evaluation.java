package io.stagegate.stages.domain;

import io.stagegate.lead.domain.Scores;

import java.util.Optional;
import java.util.Set;

/**
 * Fresh scores and derived use cases / frameworks for a lead, and the decision on its next
 * automated stage (empty when automation has nothing to decide in the lead's stage).
 */
public record Evaluation(Scores scores, Set<String> useCases, Set<String> frameworks, Optional<Decision> decision) {

    public boolean moves() {
        return decision.isPresent() && decision.get().moves();
    }
}
