package io.stagegate.lead.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One lead per person without a second lookup item: the lead id is derived from the normalised
 * email, so two concurrent first forms for one person race on the same key and the conditional
 * write picks one winner.
 */
public final class LeadIds {

    private LeadIds() {
    }

    /** Trimmed and lower-cased; null for null. */
    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code ld_} + 24 hex chars of SHA-256 over the normalised email (96 bits: no collisions in practice). */
    public static String fromEmail(String email) {
        String normalised = normaliseEmail(email);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "ld_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final java.util.regex.Pattern LEAD_ID = java.util.regex.Pattern.compile("ld_[0-9a-f]{24}");

    public static boolean looksLikeLeadId(String value) {
        return value != null && LEAD_ID.matcher(value).matches();
    }
}
