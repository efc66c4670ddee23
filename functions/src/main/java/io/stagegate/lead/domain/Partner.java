package io.stagegate.lead.domain;

/**
 * Partner attribution: set once at intake and kept through every stage, so partner influence
 * stays reportable whatever happens to the lead.
 */
public record Partner(String partnerId, boolean prequalified) {
}
