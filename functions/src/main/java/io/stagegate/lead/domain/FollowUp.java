package io.stagegate.lead.domain;

import java.time.Instant;

/** When a recycled lead comes back, and why it was recycled. */
public record FollowUp(Instant dueAt, String reason) {
}
