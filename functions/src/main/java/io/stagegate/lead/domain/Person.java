package io.stagegate.lead.domain;

/**
 * The person behind a lead, as typed on forms, plus the buyer role the taxonomy maps the job
 * title to ({@code role} null when the title maps to no role).
 */
public record Person(String firstName, String lastName, String jobTitle, String phone, String role) {

    public static final Person EMPTY = new Person(null, null, null, null, null);
}
