package io.stagegate.intake.domain;

/** Flags the data-quality audit reports on. */
public final class DataQuality {

    public static final String MISSING_INDUSTRY = "missing-industry";
    public static final String UNMAPPED_INDUSTRY = "unmapped-industry";
    public static final String UNMAPPED_TITLE = "unmapped-title";
    public static final String UNMAPPED_ASSET = "unmapped-asset";
    public static final String UNMAPPED_PAGE = "unmapped-page";
    public static final String UNMAPPED_USE_CASE = "unmapped-use-case";
    public static final String UNMAPPED_FRAMEWORK = "unmapped-framework";

    private DataQuality() {
    }
}
