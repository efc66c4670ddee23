package io.stagegate.lead.domain;

import java.time.Instant;

/**
 * Who owns the lead now and since when; {@code transitionId} is the stage change that caused the
 * routing, so a redelivered routing message is recognised and only re-sends the notification.
 */
public record Assignment(String team, String owner, Instant assignedAt, String transitionId) {
}
