package io.stagegate.model.domain;

import io.stagegate.lead.domain.Stage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a marketing-ops person tunes, loaded from one versioned YAML file and validated as a
 * whole before the engine starts. Immutable and shared by every evaluation.
 *
 * @param opportunityGate named criteria every motion's OPPORTUNITY entry must satisfy
 * @param fitGate         named criterion checked before MARKETING_QUALIFIED in every motion: intent
 *                        alone never qualifies a lead
 * @param statuses        the workflow labels allowed inside each stage; the first is the default
 * @param motionsByForm   first-form rules picking the motion
 * @param reasonCodes     closed lists per decision: recycle, disqualify, reject, close_lost
 * @param rejectFollowUpDays when sales rejects a lead it goes to RECYCLE for this long
 */
public record LeadModel(
        String version,
        String defaultMotion,
        Map<Stage, List<String>> statuses,
        List<MotionSelector> motionsByForm,
        Map<String, Motion> motions,
        Map<String, Criterion> criteria,
        String fitGate,
        List<RoleGate> roleGates,
        List<String> opportunityGate,
        Taxonomy taxonomy,
        ScoringModel scoring,
        RoutingModel routing,
        Map<Stage, SlaPolicy> slas,
        BusinessHours businessHours,
        Map<String, Set<String>> reasonCodes,
        int rejectFollowUpDays) {

    /** A form type (and optionally a selected use case) that sets the motion of a lead. */
    public record MotionSelector(String formType, String useCase, String motion) {
    }

    public Motion motion(String id) {
        Motion m = motions.get(id);
        return m != null ? m : motions.get(defaultMotion);
    }

    public String defaultStatus(Stage stage) {
        List<String> s = statuses.get(stage);
        return s == null || s.isEmpty() ? "OPEN" : s.get(0);
    }
}
