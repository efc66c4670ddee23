package io.stagegate.intake.domain;

import java.time.Instant;
import java.util.List;

/**
 * One web-form submission as it arrived, already checked for shape by intake validation
 * (email present and well formed, types right, sizes bounded). Values are as typed.
 */
public record Submission(
        String submissionId,
        String formType,
        String email,
        String firstName,
        String lastName,
        String company,
        String jobTitle,
        String phone,
        String country,
        String industry,
        Integer companySize,
        String asset,
        String campaignType,
        String campaignName,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String useCase,
        List<String> frameworks,
        String deploymentType,
        String environment,
        String partnerId,
        Boolean partnerPrequalified,
        Boolean consent,
        Instant occurredAt) {

    public Submission {
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    }
}
