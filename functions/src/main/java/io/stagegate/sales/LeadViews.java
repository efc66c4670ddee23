package io.stagegate.sales;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Transition;
import io.stagegate.stages.domain.Decision;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of API.md for a lead and its transitions (fields only ever added). */
public final class LeadViews {

    private LeadViews() {
    }

    public static Map<String, Object> lead(Lead l) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("leadId", l.leadId());
        v.put("email", l.email());
        v.put("company", l.company().name());
        v.put("stage", l.stage().name());
        v.put("status", l.status());
        v.put("motion", l.motion());
        v.put("fitScore", l.scores().fit());
        v.put("intentScore", l.scores().intent());
        v.put("owner", l.assignment() == null ? null : l.assignment().owner());
        v.put("team", l.assignment() == null ? null : l.assignment().team());
        v.put("useCases", l.useCases());
        v.put("frameworks", l.frameworks());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("formType", l.source().formType());
        source.put("asset", l.source().asset());
        source.put("campaignType", l.source().campaignType());
        source.put("campaignName", l.source().campaignName());
        source.put("utmSource", l.source().utmSource());
        source.put("utmMedium", l.source().utmMedium());
        source.put("utmCampaign", l.source().utmCampaign());
        source.put("industrySelected", l.company().industrySelected());
        v.put("source", source);
        if (l.partner() != null) {
            v.put("partner", Map.of("partnerId", l.partner().partnerId(), "prequalified", l.partner().prequalified()));
        }
        v.put("slaDueAt", l.sla() == null ? null : l.sla().dueAt().toString());
        v.put("followUpAt", l.followUp() == null ? null : l.followUp().dueAt().toString());
        v.put("version", l.version());
        // additions beyond the v1 minimum
        v.put("industry", l.company().industry());
        v.put("companySize", l.company().size());
        v.put("country", l.company().country());
        v.put("region", l.company().region());
        v.put("jobTitle", l.person().jobTitle());
        v.put("role", l.person().role());
        v.put("facts", l.facts());
        v.put("dataQuality", l.dataQuality());
        v.put("stageEnteredAt", l.stageEnteredAt() == null ? null : l.stageEnteredAt().toString());
        v.put("recycleReason", l.followUp() == null ? null : l.followUp().reason());
        v.put("scoreLines", l.scores().lines());
        return v;
    }

    /** What automation would decide now: the next automated stage, its rule, and why not yet. */
    public static Map<String, Object> decision(Decision d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("stage", d.to().name());
        v.put("rule", d.rule());
        v.put("ruleSetVersion", d.ruleSetVersion());
        v.put("ready", d.moves());
        v.put("passed", d.passed());
        v.put("failed", d.failed());
        v.put("missingFields", d.missingFields());
        return v;
    }

    public static Map<String, Object> transition(Transition t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("seq", t.seq());
        v.put("transitionId", t.transitionId());
        v.put("from", t.from().name());
        v.put("to", t.to().name());
        v.put("at", t.at().toString());
        v.put("actor", t.actor());
        v.put("rule", t.rule());
        v.put("ruleSetVersion", t.ruleSetVersion());
        v.put("passed", t.passed());
        v.put("failed", t.failed());
        v.put("evidence", t.evidence());
        v.put("reason", t.reason());
        v.put("note", t.note());
        return v;
    }
}
