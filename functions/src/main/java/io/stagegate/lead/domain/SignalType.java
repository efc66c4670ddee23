package io.stagegate.lead.domain;

import java.util.Locale;

/** Kinds of engagement; the wire names are those of the public API. */
public enum SignalType {
    FORM_SUBMISSION("form_submission"),
    PAGE_VIEW("page_view"),
    CONTENT_VIEW("content_view"),
    WEBINAR_ATTENDED("webinar_attended"),
    EMAIL_CLICK("email_click"),
    TRIAL_ACTIVITY("trial_activity");

    private final String wireName;

    SignalType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code null} when the name is not a signal type. */
    public static SignalType fromWire(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (SignalType t : values()) {
            if (t.wireName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
