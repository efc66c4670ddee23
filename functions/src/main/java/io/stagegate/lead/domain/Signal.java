package io.stagegate.lead.domain;

import java.time.Instant;
import java.util.Set;

/**
 * One engagement fact about a lead: a form, a page view, a content view, a webinar, an email
 * click, trial activity. Already normalised against the taxonomy, so scoring and criteria never
 * parse paths or asset names.
 *
 * @param signalId  idempotency key (submission id for forms); the store writes it put-if-absent
 * @param type      {@link SignalType} wire name
 * @param topics    taxonomy topics this signal is about (may be empty)
 * @param useCase   taxonomy use case, or null
 * @param framework compliance framework id (from a framework page or form), or null
 * @param mapped    false when the asset or path maps to nothing in the taxonomy (data quality)
 */
public record Signal(
        String signalId,
        SignalType type,
        Instant occurredAt,
        String formType,
        String asset,
        String path,
        Set<String> topics,
        String useCase,
        String framework,
        boolean mapped) {

    public Signal {
        topics = topics == null ? Set.of() : Set.copyOf(topics);
    }
}
