package io.stagegate.stages.domain;

import io.stagegate.intake.domain.Normaliser;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Scores;
import io.stagegate.lead.domain.Signal;
import io.stagegate.model.domain.LeadField;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything criteria may look at, for one lead at one instant: the lead's fields (use cases
 * and frameworks include those shown by its signals), its signals, confirmed facts (the lead's
 * plus any a person is confirming right now), account contacts and scores. Named criteria are
 * evaluated once per context and remembered.
 */
public final class EvaluationContext {

    private final Lead lead;
    private final List<Signal> signals;
    private final Instant now;
    private final List<Contact> contacts;
    private final Map<String, Object> facts;
    private final Map<LeadField, Object> fields = new EnumMap<>(LeadField.class);
    private final Normaliser normaliser;
    final Map<String, Boolean> named = new LinkedHashMap<>();

    public EvaluationContext(Lead lead, List<Signal> signals, Instant now, List<Contact> contacts,
                             Map<String, Object> extraFacts, Scores scores, Normaliser normaliser) {
        this.lead = lead;
        this.signals = signals == null ? List.of() : signals;
        this.now = now;
        this.contacts = contacts == null ? List.of() : contacts;
        this.normaliser = normaliser;
        if (extraFacts == null || extraFacts.isEmpty()) {
            this.facts = lead.facts();
        } else {
            Map<String, Object> merged = new HashMap<>(lead.facts());
            merged.putAll(extraFacts);
            this.facts = merged;
        }
        Set<String> useCases = new LinkedHashSet<>(lead.useCases());
        Set<String> frameworks = new LinkedHashSet<>(lead.frameworks());
        for (Signal s : this.signals) {
            if (s.useCase() != null) {
                useCases.add(s.useCase());
            }
            if (s.framework() != null) {
                frameworks.add(s.framework());
            }
        }
        put(LeadField.COMPANY, lead.company().name());
        put(LeadField.EMAIL_DOMAIN, lead.emailDomain());
        put(LeadField.JOB_TITLE, lead.person().jobTitle());
        put(LeadField.PHONE, lead.person().phone());
        put(LeadField.COUNTRY, lead.company().country());
        put(LeadField.REGION, lead.company().region());
        put(LeadField.INDUSTRY, lead.company().industry());
        put(LeadField.COMPANY_SIZE, lead.company().size());
        put(LeadField.ROLE, lead.person().role());
        put(LeadField.TECHNICAL_ROLE, normaliser.isTechnicalRole(lead.person().role()));
        put(LeadField.MOTION, lead.motion());
        put(LeadField.FORM_TYPE, lead.source().formType());
        put(LeadField.USE_CASES, useCases);
        put(LeadField.FRAMEWORKS, frameworks);
        put(LeadField.DEPLOYMENT_TYPE, lead.selections().get("deploymentType"));
        put(LeadField.ENVIRONMENT, lead.selections().get("environment"));
        put(LeadField.CONSENT, lead.selections().get("consent"));
        put(LeadField.PARTNER_ID, lead.partner() == null ? null : lead.partner().partnerId());
        put(LeadField.PARTNER_PREQUALIFIED, lead.partner() != null && lead.partner().prequalified());
        Scores s = scores == null ? lead.scores() : scores;
        put(LeadField.FIT_SCORE, s.fit());
        put(LeadField.INTENT_SCORE, s.intent());
    }

    private void put(LeadField f, Object v) {
        if (v != null) {
            fields.put(f, v);
        }
    }

    /** A copy with other scores; named results are not carried over (they may depend on scores). */
    public EvaluationContext withScores(Scores scores) {
        return new EvaluationContext(this, scores);
    }

    // copies the derived fields instead of deriving them again: evaluate() builds two contexts per
    // lead, and re-walking the signals for use cases and frameworks was measurable (see bench/)
    private EvaluationContext(EvaluationContext other, Scores scores) {
        this.lead = other.lead;
        this.signals = other.signals;
        this.now = other.now;
        this.contacts = other.contacts;
        this.facts = other.facts;
        this.normaliser = other.normaliser;
        this.fields.putAll(other.fields);
        Scores s = scores == null ? lead.scores() : scores;
        fields.put(LeadField.FIT_SCORE, s.fit());
        fields.put(LeadField.INTENT_SCORE, s.intent());
    }

    public Lead lead() {
        return lead;
    }

    public List<Signal> signals() {
        return signals;
    }

    public Instant now() {
        return now;
    }

    public List<Contact> contacts() {
        return contacts;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    public Normaliser normaliser() {
        return normaliser;
    }

    public Object field(LeadField f) {
        return fields.get(f);
    }

    @SuppressWarnings("unchecked")
    public Set<String> useCases() {
        return (Set<String>) fields.get(LeadField.USE_CASES);
    }

    @SuppressWarnings("unchecked")
    public Set<String> frameworks() {
        return (Set<String>) fields.get(LeadField.FRAMEWORKS);
    }

    /** True when the field has a usable value: non-blank text, any number or boolean, a non-empty list. */
    public boolean isPresent(LeadField f) {
        Object v = fields.get(f);
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isBlank();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }
}
