package io.stagegate.lead.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The lead snapshot: one per person (normalised email), the current stage and status, what we
 * know of the person and account, scores, owner and timers. History lives in {@link Transition}s;
 * engagement lives in {@link Signal}s.
 *
 * @param facts      qualification facts confirmed by people (discovery call, scope, stakeholders…)
 * @param selections what the person selected on forms (deploymentType, environment, consent…)
 * @param qualifiedByRule the rule that moved the lead into MARKETING_QUALIFIED, so sales
 *                   feedback can be recorded against it
 * @param dataQuality flags for the data-quality audit (missing-industry, unmapped-title, …)
 * @param transitions number of transitions recorded; the next one gets {@code transitions + 1}
 */
public record Lead(
        String leadId,
        String email,
        Person person,
        Company company,
        String motion,
        Stage stage,
        String status,
        Set<String> useCases,
        Set<String> frameworks,
        Map<String, Object> selections,
        Source source,
        Partner partner,
        Map<String, Object> facts,
        Scores scores,
        Assignment assignment,
        SlaTimer sla,
        FollowUp followUp,
        String qualifiedByRule,
        Set<String> dataQuality,
        Instant createdAt,
        Instant stageEnteredAt,
        Instant updatedAt,
        int transitions,
        long version) {

    public Lead {
        person = person == null ? Person.EMPTY : person;
        company = company == null ? Company.EMPTY : company;
        source = source == null ? Source.EMPTY : source;
        scores = scores == null ? Scores.NONE : scores;
        // insertion order matters: the first use case seen is the one a lead is routed on
        useCases = useCases == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(useCases));
        frameworks = frameworks == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(frameworks));
        selections = selections == null ? Map.of() : Map.copyOf(selections);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        dataQuality = dataQuality == null ? Set.of() : Set.copyOf(dataQuality);
    }

    public String emailDomain() {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String leadId, String email) {
        return new Builder(leadId, email);
    }

    /** Copy-with-changes; records stay immutable, callers change only what they mean to. */
    public static final class Builder {
        private final String leadId;
        private final String email;
        private Person person = Person.EMPTY;
        private Company company = Company.EMPTY;
        private String motion;
        private Stage stage = Stage.NEW_INBOUND;
        private String status = "OPEN";
        private Set<String> useCases = new LinkedHashSet<>();
        private Set<String> frameworks = new LinkedHashSet<>();
        private Map<String, Object> selections = new LinkedHashMap<>();
        private Source source = Source.EMPTY;
        private Partner partner;
        private Map<String, Object> facts = new LinkedHashMap<>();
        private Scores scores = Scores.NONE;
        private Assignment assignment;
        private SlaTimer sla;
        private FollowUp followUp;
        private String qualifiedByRule;
        private Set<String> dataQuality = new LinkedHashSet<>();
        private Instant createdAt;
        private Instant stageEnteredAt;
        private Instant updatedAt;
        private int transitions;
        private long version;

        private Builder(String leadId, String email) {
            this.leadId = leadId;
            this.email = email;
        }

        private Builder(Lead l) {
            this(l.leadId, l.email);
            person = l.person;
            company = l.company;
            motion = l.motion;
            stage = l.stage;
            status = l.status;
            useCases = new LinkedHashSet<>(l.useCases);
            frameworks = new LinkedHashSet<>(l.frameworks);
            selections = new LinkedHashMap<>(l.selections);
            source = l.source;
            partner = l.partner;
            facts = new LinkedHashMap<>(l.facts);
            scores = l.scores;
            assignment = l.assignment;
            sla = l.sla;
            followUp = l.followUp;
            qualifiedByRule = l.qualifiedByRule;
            dataQuality = new LinkedHashSet<>(l.dataQuality);
            createdAt = l.createdAt;
            stageEnteredAt = l.stageEnteredAt;
            updatedAt = l.updatedAt;
            transitions = l.transitions;
            version = l.version;
        }

        public Builder person(Person v) { person = v; return this; }
        public Builder company(Company v) { company = v; return this; }
        public Builder motion(String v) { motion = v; return this; }
        public Builder stage(Stage v) { stage = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder useCases(Set<String> v) { useCases = new LinkedHashSet<>(v); return this; }
        public Builder addUseCase(String v) { if (v != null) { useCases.add(v); } return this; }
        public Builder frameworks(Set<String> v) { frameworks = new LinkedHashSet<>(v); return this; }
        public Builder addFramework(String v) { if (v != null) { frameworks.add(v); } return this; }
        public Builder selection(String k, Object v) { if (v != null) { selections.put(k, v); } return this; }
        public Builder selections(Map<String, Object> v) { selections = new LinkedHashMap<>(v); return this; }
        public Builder source(Source v) { source = v; return this; }
        public Builder partner(Partner v) { partner = v; return this; }
        public Builder facts(Map<String, Object> v) { facts = new LinkedHashMap<>(v); return this; }
        public Builder fact(String k, Object v) { if (v != null) { facts.put(k, v); } return this; }
        public Builder scores(Scores v) { scores = v; return this; }
        public Builder assignment(Assignment v) { assignment = v; return this; }
        public Builder sla(SlaTimer v) { sla = v; return this; }
        public Builder followUp(FollowUp v) { followUp = v; return this; }
        public Builder qualifiedByRule(String v) { qualifiedByRule = v; return this; }
        public Builder dataQuality(Set<String> v) { dataQuality = new LinkedHashSet<>(v); return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder stageEnteredAt(Instant v) { stageEnteredAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder transitions(int v) { transitions = v; return this; }
        public Builder version(long v) { version = v; return this; }

        public Lead build() {
            return new Lead(leadId, email, person, company, motion, stage, status, useCases, frameworks,
                    selections, source, partner, facts, scores, assignment, sla, followUp, qualifiedByRule, dataQuality,
                    createdAt, stageEnteredAt, updatedAt, transitions, version);
        }
    }
}
