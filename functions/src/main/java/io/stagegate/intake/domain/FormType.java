package io.stagegate.intake.domain;

import java.util.Locale;
import java.util.Set;

/** The form types of the public API. */
public final class FormType {

    public static final Set<String> ALL = Set.of("demo_request", "gated_download", "webinar_registration",
            "contact_request", "assessment_interest", "compliance_checklist", "trial_signup", "partner_referral");

    private FormType() {
    }

    public static String normalise(String formType) {
        return formType == null ? null : formType.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isKnown(String formType) {
        return formType != null && ALL.contains(normalise(formType));
    }
}
