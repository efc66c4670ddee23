package io.stagegate.intake.domain;

import io.stagegate.fixtures.Forms;
import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.lead.domain.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.stagegate.fixtures.Leads.NORMALISER;
import static org.assertj.core.api.Assertions.assertThat;

/** SCENARIOS.md: one lead per person, first-touch source, data-quality flags. */
class IntakeTest {

    @Test
    @DisplayName("a second form from the same person updates the same lead; the source stays first-touch")
    void secondFormUpdatesSameLead() {
        Lead first = NORMALISER.apply(null, Forms.demoRequest().campaignType("webinar").build(), Leads.T0);
        Instant later = Leads.T0.plusSeconds(86_400);
        Lead second = NORMALISER.apply(first, Forms.assessmentInterest().email("  DANA@Bank.Example ")
                .jobTitle("Head of Security").campaignType("email").submissionId("sub-2").build(), later);

        assertThat(LeadIds.fromEmail(" DANA@Bank.Example ")).isEqualTo(first.leadId());
        assertThat(second.leadId()).isEqualTo(first.leadId());
        assertThat(second.source().formType()).isEqualTo("demo_request");
        assertThat(second.source().campaignType()).isEqualTo("webinar");
        assertThat(second.motion()).as("later forms keep the motion").isEqualTo("product-demo");
        assertThat(second.person().jobTitle()).isEqualTo("Head of Security");
        assertThat(second.person().role()).isEqualTo("security-leadership");
        assertThat(second.createdAt()).isEqualTo(Leads.T0);
        assertThat(second.updatedAt()).isEqualTo(later);
        assertThat(second.stage()).isEqualTo(Stage.NEW_INBOUND);
        assertThat(second.useCases()).contains("vulnerability-management");
    }

    @Test
    @DisplayName("the same submission sent twice gives the same form signal id, so it is stored and counted once")
    void sameSubmissionTwiceIsOneSignal() {
        Signal a = NORMALISER.formSignal(Forms.demoRequest().submissionId("sub-42").build());
        Signal b = NORMALISER.formSignal(Forms.demoRequest().submissionId("sub-42").build());
        assertThat(a).isEqualTo(b);
        Lead once = NORMALISER.apply(null, Forms.demoRequest().build(), Leads.T0);
        Lead twice = NORMALISER.apply(once, Forms.demoRequest().build(), Leads.T0);
        assertThat(twice).isEqualTo(once);
    }

    @Test
    @DisplayName("lead ids are deterministic, case-insensitive and look like lead ids")
    void leadIds() {
        assertThat(LeadIds.fromEmail("A@B.example")).isEqualTo(LeadIds.fromEmail("a@b.example"));
        assertThat(LeadIds.fromEmail("a@b.example")).isNotEqualTo(LeadIds.fromEmail("c@b.example"));
        assertThat(LeadIds.looksLikeLeadId(LeadIds.fromEmail("a@b.example"))).isTrue();
    }

    @Test
    @DisplayName("a lead without an industry is flagged missing-industry; giving one later clears the flag")
    void missingIndustryFlag() {
        Lead lead = NORMALISER.apply(null, Forms.demoRequest().industry(null).build(), Leads.T0);
        assertThat(lead.dataQuality()).contains(DataQuality.MISSING_INDUSTRY);
        Lead fixed = NORMALISER.apply(lead, Forms.demoRequest().industry("Healthcare").build(), Leads.T0);
        assertThat(fixed.dataQuality()).doesNotContain(DataQuality.MISSING_INDUSTRY);
        assertThat(fixed.company().industry()).isEqualTo("healthcare");
    }

    @Test
    @DisplayName("titles that map to no role, unknown industries and unmapped assets are flagged, kept as typed")
    void unmappedValuesFlagged() {
        Lead lead = NORMALISER.apply(null, Forms.demoRequest().jobTitle("Chief Happiness Officer")
                .industry("Space Mining").asset("zero-trust-ebook").frameworks("FedRAMP").build(), Leads.T0);
        assertThat(lead.dataQuality()).contains(DataQuality.UNMAPPED_TITLE, DataQuality.UNMAPPED_INDUSTRY,
                DataQuality.UNMAPPED_ASSET, DataQuality.UNMAPPED_FRAMEWORK);
        assertThat(lead.person().jobTitle()).isEqualTo("Chief Happiness Officer");
        assertThat(lead.person().role()).isNull();
        assertThat(lead.company().industrySelected()).isEqualTo("Space Mining");
        assertThat(lead.source().asset()).isEqualTo("zero-trust-ebook");
    }

    @Test
    @DisplayName("a page or asset that maps to nothing gives an unmapped signal, still kept")
    void unmappedSignals() {
        Signal page = NORMALISER.signal("s1", SignalType.PAGE_VIEW, "/blog/our-offsite", null, Leads.T0, null);
        assertThat(page.mapped()).isFalse();
        assertThat(page.topics()).isEmpty();
        Signal asset = NORMALISER.signal("s2", SignalType.CONTENT_VIEW, null, "zero-trust-ebook", Leads.T0, null);
        assertThat(asset.mapped()).isFalse();
        assertThat(asset.asset()).isEqualTo("zero-trust-ebook");
        assertThat(NORMALISER.signal("s3", SignalType.PAGE_VIEW, "/pricing?plan=pro", null, Leads.T0, null).mapped()).isTrue();
    }

    @Test
    @DisplayName("partner attribution is set by the first partner form and never cleared by later forms")
    void partnerAttributionStays() {
        Lead lead = NORMALISER.apply(null, Forms.partnerReferral().build(), Leads.T0);
        Lead later = NORMALISER.apply(lead, Forms.demoRequest().email("pete@gov.example").partnerId(null).build(), Leads.T0);
        Lead other = NORMALISER.apply(later, Forms.demoRequest().email("pete@gov.example").partnerId("other-msp").build(), Leads.T0);
        assertThat(other.partner().partnerId()).isEqualTo("acme-msp");
        assertThat(other.partner().prequalified()).isTrue();
        assertThat(other.motion()).isEqualTo("partner");
    }

    @Test
    @DisplayName("a framework page view names the framework in its path")
    void frameworkFromPath() {
        for (String f : java.util.List.of("soc2", "iso27001", "nist-csf", "pci-dss", "hipaa", "cmmc")) {
            Signal s = NORMALISER.signal("s", SignalType.PAGE_VIEW, "/solutions/compliance/" + f + "/overview", null,
                    Leads.T0, null);
            assertThat(s.framework()).as(f).isEqualTo(f);
            assertThat(s.topics()).contains("compliance");
            assertThat(s.useCase()).isEqualTo("compliance-mapping");
        }
    }
}
