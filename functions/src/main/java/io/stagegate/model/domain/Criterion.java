package io.stagegate.model.domain;

import io.stagegate.lead.domain.SignalType;

import java.util.List;
import java.util.Set;

/**
 * A declarative predicate over a lead, its signals, its confirmed facts and its account's
 * contacts. Plain data: the evaluator in {@code stages.domain} gives it meaning. Named criteria
 * are referenced by {@link Ref}, so every decision can list which named criteria held.
 */
public sealed interface Criterion {

    /** A named criterion defined elsewhere in the model. */
    record Ref(String name) implements Criterion {
    }

    /** The field's value (or, for a list field, any element) is one of {@code values}. */
    record FieldIn(LeadField field, Set<String> values) implements Criterion {
    }

    /** A numeric field within bounds (inclusive); a missing value fails. */
    record Threshold(LeadField field, Double atLeast, Double atMost) implements Criterion {
    }

    /** The field has a value (a non-blank text, a number, a non-empty list). */
    record Present(LeadField field) implements Criterion {
    }

    /** A boolean field has the given value; a missing value counts as false. */
    record FieldIs(LeadField field, boolean value) implements Criterion {
    }

    /**
     * At least {@code atLeast} signals within the last {@code withinDays} days that match every
     * given filter (an empty filter matches all).
     */
    record SignalCount(Set<SignalType> types, Set<String> topics, Set<String> useCases,
                       int atLeast, int withinDays) implements Criterion {
    }

    /** A fact confirmed by a person: present, true, or a non-empty list/text. */
    record Fact(String fact, FactCheck check) implements Criterion {
    }

    enum FactCheck { PRESENT, TRUE, NON_EMPTY }

    /**
     * At least {@code atLeast} contacts at the lead's account (same company domain, the lead
     * included) with one of {@code roles} and, when {@code technical} is set, that kind of role.
     */
    record Contacts(Set<String> roles, Boolean technical, int atLeast) implements Criterion {
    }

    record All(List<Criterion> of) implements Criterion {
    }

    record Any(List<Criterion> of) implements Criterion {
    }

    record Not(Criterion of) implements Criterion {
    }
}
