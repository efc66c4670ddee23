package io.stagegate.lead.domain;

import java.time.Instant;

/** Who owns the lead now and since when. */
public record Assignment(String team, String owner, Instant assignedAt) {
}
