package io.stagegate.model.domain;

import io.stagegate.lead.domain.Stage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who gets a lead when it enters a stage that needs an owner.
 *
 * @param strategyByStage {@code sdr} (territory SDRs, or the partner manager for partner leads)
 *                        or {@code specialist} (team by use case)
 */
public record RoutingModel(
        Map<Stage, Strategy> strategyByStage,
        String sdrTeam,
        String partnerTeam,
        Map<String, String> teamByUseCase,
        String defaultSpecialistTeam,
        Map<String, Team> teams) {

    public enum Strategy { SDR, SPECIALIST }

    public record Team(String id, String name, String manager, List<Member> members) {
    }

    /**
     * @param territories regions this person covers (empty: any)
     * @param partners    partner ids this person manages (partner team only)
     */
    public record Member(String id, Set<String> territories, Set<String> partners) {
    }
}
