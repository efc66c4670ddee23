package io.stagegate.lead.domain;

import java.time.Instant;

/**
 * A running response deadline: the lead must leave {@code stage} (or see the stopping action)
 * before {@code dueAt}. {@code escalations} counts breaches already handled.
 */
public record SlaTimer(Stage stage, String name, Instant dueAt, int escalations) {
}
