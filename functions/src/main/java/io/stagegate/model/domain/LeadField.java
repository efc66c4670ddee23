package io.stagegate.model.domain;

/**
 * The lead attributes criteria may name. A closed list on purpose: the loader rejects a criterion
 * that names anything else, so a typo in the model file fails at start, not silently at runtime.
 */
public enum LeadField {
    COMPANY("company", Kind.TEXT, null),
    EMAIL_DOMAIN("emailDomain", Kind.TEXT, null),
    JOB_TITLE("jobTitle", Kind.TEXT, null),
    PHONE("phone", Kind.TEXT, null),
    COUNTRY("country", Kind.TEXT, null),
    REGION("region", Kind.TEXT, "regions"),
    INDUSTRY("industry", Kind.TEXT, "industries"),
    COMPANY_SIZE("companySize", Kind.NUMBER, null),
    ROLE("role", Kind.TEXT, "roles"),
    TECHNICAL_ROLE("technicalRole", Kind.BOOLEAN, null),
    MOTION("motion", Kind.TEXT, "motions"),
    FORM_TYPE("formType", Kind.TEXT, null),
    USE_CASES("useCases", Kind.LIST, "useCases"),
    FRAMEWORKS("frameworks", Kind.LIST, "frameworks"),
    DEPLOYMENT_TYPE("deploymentType", Kind.TEXT, null),
    ENVIRONMENT("environment", Kind.TEXT, null),
    CONSENT("consent", Kind.BOOLEAN, null),
    PARTNER_ID("partnerId", Kind.TEXT, null),
    PARTNER_PREQUALIFIED("partnerPrequalified", Kind.BOOLEAN, null),
    FIT_SCORE("fitScore", Kind.NUMBER, null),
    INTENT_SCORE("intentScore", Kind.NUMBER, null);

    public enum Kind { TEXT, NUMBER, BOOLEAN, LIST }

    private final String fieldName;
    private final Kind kind;
    private final String taxonomy;

    LeadField(String fieldName, Kind kind, String taxonomy) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.taxonomy = taxonomy;
    }

    public String fieldName() {
        return fieldName;
    }

    public Kind kind() {
        return kind;
    }

    /** Which taxonomy list the values of an {@code in} criterion must come from, or null. */
    public String taxonomy() {
        return taxonomy;
    }

    public static LeadField byName(String name) {
        for (LeadField f : values()) {
            if (f.fieldName.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    public static String names() {
        StringBuilder b = new StringBuilder();
        for (LeadField f : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(f.fieldName);
        }
        return b.toString();
    }
}
