package io.stagegate.routing.domain;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Assignment;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.stagegate.fixtures.Leads.MODEL;
import static io.stagegate.fixtures.Leads.NORMALISER;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md: specialist routing by use case, SDR by territory, partner management, fair rotation. */
class RouterTest {

    private static final Router ROUTER = new Router(MODEL);

    private static Lead lead(Forms form) {
        return NORMALISER.apply(null, form.build(), Leads.T0);
    }

    @ParameterizedTest(name = "a SALES_QUALIFIED {0} lead goes to the {1} specialists")
    @CsvSource({"cloud-security,cloud-security", "endpoint,endpoint", "identity,identity",
            "incident-response,incident-response", "soc-operations,soc-platform",
            "vulnerability-management,vulnerability-management", "compliance-mapping,grc",
            "managed-detection,soc-platform"})
    void specialistByUseCase(String useCase, String team) {
        RoutingDecision d = ROUTER.route(lead(Forms.demoRequest().useCase(useCase)), Stage.SALES_QUALIFIED,
                RotationState.EMPTY, Set.of()).orElseThrow();
        assertThat(d.team()).isEqualTo(team);
        assertThat(d.useCase()).isEqualTo(useCase);
        assertThat(MODEL.routing().teams().get(team).members()).extracting(m -> m.id()).contains(d.owner());
        assertThat(d.reasons()).isNotEmpty();
    }

    @Test
    @DisplayName("the use case shown by the first asset routes a lead that selected none")
    void specialistByAssetUseCase() {
        RoutingDecision d = ROUTER.route(lead(Forms.demoRequest().asset("identity-threat-guide")), Stage.SALES_QUALIFIED,
                RotationState.EMPTY, Set.of()).orElseThrow();
        assertThat(d.team()).isEqualTo("identity");
    }

    @Test
    @DisplayName("a lead with no use case goes to the default specialist team, saying so")
    void defaultSpecialistTeam() {
        RoutingDecision d = ROUTER.route(lead(Forms.demoRequest()), Stage.SALES_QUALIFIED, RotationState.EMPTY, Set.of())
                .orElseThrow();
        assertThat(d.team()).isEqualTo(MODEL.routing().defaultSpecialistTeam());
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("default"));
    }

    @Test
    @DisplayName("an MQL lead goes to an SDR of its territory")
    void mqlToSdrByTerritory() {
        RoutingDecision na = ROUTER.route(lead(Forms.demoRequest().country("US")), Stage.MARKETING_QUALIFIED,
                RotationState.EMPTY, Set.of()).orElseThrow();
        assertThat(na.team()).isEqualTo("sdr");
        assertThat(na.owner()).isIn("sam.sdr", "sofia.sdr");
        RoutingDecision emea = ROUTER.route(lead(Forms.demoRequest().country("de")), Stage.MARKETING_QUALIFIED,
                RotationState.EMPTY, Set.of()).orElseThrow();
        assertThat(emea.owner()).isIn("emil.sdr", "erin.sdr");
        RoutingDecision apac = ROUTER.route(lead(Forms.demoRequest().country("JP")), Stage.MARKETING_QUALIFIED,
                RotationState.EMPTY, Set.of()).orElseThrow();
        assertThat(apac.owner()).isEqualTo("aki.sdr");
    }

    @Test
    @DisplayName("an MQL partner lead goes to partner management, to the partner's manager")
    void partnerLeadToPartnerManagement() {
        RoutingDecision d = ROUTER.route(lead(Forms.partnerReferral()), Stage.MARKETING_QUALIFIED, RotationState.EMPTY,
                Set.of()).orElseThrow();
        assertThat(d.team()).isEqualTo("partner-management");
        assertThat(d.owner()).isEqualTo("pat.partner");
        RoutingDecision other = ROUTER.route(lead(Forms.partnerReferral().partnerId("unknown-partner")),
                Stage.MARKETING_QUALIFIED, RotationState.EMPTY, Set.of()).orElseThrow();
        assertThat(other.team()).isEqualTo("partner-management");
    }

    @Test
    @DisplayName("stages without a routing strategy route nowhere")
    void noRoutingForOtherStages() {
        assertThat(ROUTER.route(lead(Forms.demoRequest()), Stage.MARKETING_ENGAGED, RotationState.EMPTY, Set.of())).isEmpty();
        assertThat(ROUTER.routes(Stage.SALES_QUALIFIED)).isTrue();
        assertThat(ROUTER.routes(Stage.OPPORTUNITY)).isFalse();
    }

    @Test
    @DisplayName("each territory rotates on its own: leads from other regions in between do not skew it")
    void territoriesRotateIndependently() {
        RotationState rotation = RotationState.EMPTY;
        List<String> naOwners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RoutingDecision na = ROUTER.route(lead(Forms.demoRequest().country("US")), Stage.MARKETING_QUALIFIED,
                    rotation, Set.of()).orElseThrow();
            naOwners.add(na.owner());
            rotation = na.rotation();
            RoutingDecision emea = ROUTER.route(lead(Forms.demoRequest().country("DE")), Stage.MARKETING_QUALIFIED,
                    rotation, Set.of()).orElseThrow();
            rotation = emea.rotation();
            assertThat(emea.rotationKey()).isEqualTo("sdr/territory:EMEA");
        }
        assertThat(naOwners).containsExactly("sam.sdr", "sofia.sdr", "sam.sdr", "sofia.sdr");
    }

    @Test
    @DisplayName("assignment rotates fairly across a team: each member gets one before anyone gets a second")
    void fairRotation() {
        Lead lead = lead(Forms.demoRequest().useCase("identity"));
        RotationState rotation = RotationState.EMPTY;
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RoutingDecision d = ROUTER.route(lead, Stage.SALES_QUALIFIED, rotation, Set.of()).orElseThrow();
            owners.add(d.owner());
            rotation = d.rotation();
        }
        assertThat(owners).containsExactly("ida.identity", "ivo.identity", "ida.identity", "ivo.identity",
                "ida.identity", "ivo.identity");
    }

    @Test
    @DisplayName("unavailable people are skipped; when nobody is available the manager takes it")
    void unavailableSkipped() {
        Lead lead = lead(Forms.demoRequest().useCase("identity"));
        RotationState rotation = RotationState.EMPTY;
        for (int i = 0; i < 3; i++) {
            RoutingDecision d = ROUTER.route(lead, Stage.SALES_QUALIFIED, rotation, Set.of("ida.identity")).orElseThrow();
            assertThat(d.owner()).isEqualTo("ivo.identity");
            rotation = d.rotation();
        }
        RoutingDecision none = ROUTER.route(lead, Stage.SALES_QUALIFIED, rotation,
                Set.of("ida.identity", "ivo.identity")).orElseThrow();
        assertThat(none.owner()).isEqualTo("ian.identity-lead");
    }

    @Test
    @DisplayName("reassignment after an SLA breach picks someone other than the current owner")
    void reassignPicksSomeoneElse() {
        Lead lead = lead(Forms.demoRequest().useCase("endpoint")).toBuilder()
                .assignment(new Assignment("endpoint", "ed.endpoint", Leads.T0, null)).build();
        RoutingDecision d = ROUTER.reassign(lead, RotationState.EMPTY.assigned("endpoint", "ela.endpoint"), Set.of());
        assertThat(d.team()).isEqualTo("endpoint");
        assertThat(d.owner()).isEqualTo("ela.endpoint");
    }
}
