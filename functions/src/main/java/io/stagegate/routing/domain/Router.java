package io.stagegate.routing.domain;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.RoutingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Team and owner for a lead entering a stage that needs one. Inside a team assignment is round
 * robin over the eligible members (territory, partner), skipping unavailable people, starting
 * after whoever got the team's last lead.
 */
public final class Router {

    private final RoutingModel routing;

    public Router(LeadModel model) {
        this.routing = model.routing();
    }

    public boolean routes(Stage stage) {
        return routing.strategyByStage().containsKey(stage);
    }

    public Optional<RoutingDecision> route(Lead lead, Stage stage, RotationState rotation, Set<String> unavailable) {
        RoutingModel.Strategy strategy = routing.strategyByStage().get(stage);
        if (strategy == null) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        String useCase = routingUseCase(lead);
        String teamId;
        boolean partnerLead = lead.partner() != null && routing.partnerTeam() != null;
        if (strategy == RoutingModel.Strategy.SDR && partnerLead) {
            teamId = routing.partnerTeam();
            reasons.add("partner lead (" + lead.partner().partnerId() + ") goes to partner management");
        } else if (strategy == RoutingModel.Strategy.SDR) {
            teamId = routing.sdrTeam();
            reasons.add(stage + " is worked by sales development");
        } else {
            teamId = useCase == null ? null : routing.teamByUseCase().get(useCase);
            if (teamId == null) {
                teamId = routing.defaultSpecialistTeam();
                reasons.add("no specialist team for use case " + useCase + "; default team");
            } else {
                reasons.add("use case " + useCase + " goes to the " + teamId + " specialists");
            }
        }
        return Optional.of(assign(lead, teamId, null, rotation, unavailable, reasons, useCase));
    }

    /** The next person in the lead's current team, never the current owner (SLA escalation). */
    public RoutingDecision reassign(Lead lead, RotationState rotation, Set<String> unavailable) {
        String team = lead.assignment().team();
        List<String> reasons = new ArrayList<>(List.of("reassigned after an SLA breach by " + lead.assignment().owner()));
        return assign(lead, team, lead.assignment().owner(), rotation, unavailable, reasons, routingUseCase(lead));
    }

    private RoutingDecision assign(Lead lead, String teamId, String exclude, RotationState rotation,
                                   Set<String> unavailable, List<String> reasons, String useCase) {
        RoutingModel.Team team = routing.teams().get(teamId);
        Segment segment = eligible(team, lead, reasons);
        List<RoutingModel.Member> eligible = segment.members();
        String key = rotationKey(teamId, segment.label());
        String last = rotation.lastAssigned(key);
        int start = 0;
        for (int i = 0; i < eligible.size(); i++) {
            if (eligible.get(i).id().equals(last)) {
                start = i + 1;
                break;
            }
        }
        for (int k = 0; k < eligible.size(); k++) {
            RoutingModel.Member m = eligible.get((start + k) % eligible.size());
            if (!unavailable.contains(m.id()) && !m.id().equals(exclude)) {
                return new RoutingDecision(teamId, m.id(), useCase, reasons, rotation.assigned(key, m.id()), key);
            }
        }
        reasons.add("no available member; the team manager takes it");
        return new RoutingDecision(teamId, team.manager(), useCase, reasons, rotation, key);
    }

    /** The team id when everyone is eligible, else {@code team/segment}. */
    static String rotationKey(String teamId, String segment) {
        return segment == null ? teamId : teamId + "/" + segment;
    }

    private record Segment(String label, List<RoutingModel.Member> members) {
    }

    /** Members who cover the lead's territory or partner; all members when none specifically do. */
    private Segment eligible(RoutingModel.Team team, Lead lead, List<String> reasons) {
        List<RoutingModel.Member> out = new ArrayList<>();
        if (lead.partner() != null) {
            for (RoutingModel.Member m : team.members()) {
                if (m.partners().contains(lead.partner().partnerId())) {
                    out.add(m);
                }
            }
            if (!out.isEmpty()) {
                reasons.add("partner manager for " + lead.partner().partnerId());
                return new Segment("partner:" + lead.partner().partnerId(), out);
            }
        }
        String region = lead.company().region();
        if (region != null) {
            for (RoutingModel.Member m : team.members()) {
                if (m.territories().contains(region)) {
                    out.add(m);
                }
            }
            if (!out.isEmpty() && out.size() < team.members().size()) {
                reasons.add("territory " + region);
                return new Segment("territory:" + region, out);
            }
        }
        return new Segment(null, team.members());
    }

    /** The use case a lead is routed on: its form selection, else the first one it showed. */
    public static String routingUseCase(Lead lead) {
        Object selected = lead.selections().get("useCase");
        if (selected instanceof String s && lead.useCases().contains(s)) {
            return s;
        }
        return lead.useCases().isEmpty() ? null : lead.useCases().iterator().next();
    }
}
