package io.stagegate.stages.domain;

/** A person at the lead's account (same company domain), for the buying-group check. */
public record Contact(String leadId, String role) {
}
