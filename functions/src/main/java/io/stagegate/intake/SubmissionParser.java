package io.stagegate.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.aws.Json;
import io.stagegate.aws.http.ApiException;
import io.stagegate.intake.domain.FormType;
import io.stagegate.intake.domain.Submission;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a form body (JSON or urlencoded) into a {@link Submission}, or refuses it naming the
 * field and the rule. Every text field is bounded; unknown fields are ignored (forms carry extras).
 */
public final class SubmissionParser {

    static final int MAX_TEXT = 256;
    static final int MAX_LIST = 20;
    // RFC 5322 dot-atom local part (plus letters of any script): no quotes, brackets, colons,
    // commas, spaces or empty labels. The looser "anything but @ and spaces" let
    // "<script>…</script>@x.com" and "${jndi:ldap://…}@x.com" become leads and reach sales tools.
    private static final String ATEXT = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]";
    private static final Pattern EMAIL = Pattern.compile("^(?=[^@]{1,64}@)" + ATEXT + "+(?:\\." + ATEXT + "+)*"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    private static final Set<String> TEXT_FIELDS = Set.of("firstName", "lastName", "company", "jobTitle", "phone",
            "country", "industry", "asset", "campaignType", "campaignName", "utmSource", "utmMedium", "utmCampaign",
            "useCase", "deploymentType", "environment", "partnerId");

    /**
     * Request bodies are read strictly: a repeated key ({"email":"a","email":"b"}) is ambiguous
     * (which person is this?) and text after the JSON value means a truncated or spliced body.
     * Jackson's defaults silently took the last key and ignored the tail.
     */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = Json.MAPPER.reader()
            .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SubmissionParser() {
    }

    /** The body as a JSON object, whichever media type it came in. */
    public static ObjectNode toObject(String mediaType, String body) {
        if ("application/x-www-form-urlencoded".equals(mediaType)) {
            return fromUrlEncoded(body);
        }
        if (mediaType == null || !(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "send application/json or application/x-www-form-urlencoded", "content-type");
        }
        JsonNode node = parseJson(body);
        if (!node.isObject()) {
            throw new ApiException(400, "MALFORMED_BODY", "the body must be a JSON object", null);
        }
        return (ObjectNode) node;
    }

    public static JsonNode parseJson(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "MALFORMED_JSON", "the body is empty", null);
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field '")) {
                String m = e.getOriginalMessage();
                String field = m.substring("Duplicate field '".length(), Math.max("Duplicate field '".length(), m.indexOf('\'', 17)));
                throw new ApiException(400, "DUPLICATE_FIELD", "the field " + field + " appears twice; send it once",
                        field.length() <= MAX_TEXT ? field : null);
            }
            throw new ApiException(400, "MALFORMED_JSON", "the body is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    static ObjectNode fromUrlEncoded(String body) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (body == null || body.isEmpty()) {
            return o;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k;
            String v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "MALFORMED_BODY", "the form body is not valid urlencoded data", null);
            }
            if (k.endsWith("[]")) {
                k = k.substring(0, k.length() - 2);
            }
            if (k.equals("frameworks")) {
                ArrayNode arr = o.has(k) && o.get(k).isArray() ? (ArrayNode) o.get(k) : o.putArray(k);
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        arr.add(part.trim());
                    }
                }
            } else if (!o.has(k)) {
                o.put(k, v); // first value wins on repeats
            }
        }
        return o;
    }

    /** A honeypot filled in by a bot: accept quietly, store nothing. */
    public static boolean isSpam(ObjectNode o) {
        JsonNode w = o.get("website");
        return w != null && !w.isNull() && !(w.isTextual() && w.asText().isEmpty());
    }

    public static Submission parse(ObjectNode o, String idempotencyKey, Instant now) {
        String formType = requiredText(o, "formType");
        if (!FormType.isKnown(formType)) {
            throw ApiException.invalid("formType", "UNKNOWN_FORM_TYPE", "formType must be one of " + FormType.ALL);
        }
        String email = email(requiredText(o, "email"), "email");
        for (String f : TEXT_FIELDS) {
            text(o, f);
        }
        String submissionId = text(o, "submissionId");
        if (submissionId == null && idempotencyKey != null && !idempotencyKey.isBlank()) {
            submissionId = idempotencyKey.trim();
            if (!ID.matcher(submissionId).matches()) {
                throw ApiException.invalid("Idempotency-Key", "INVALID_IDEMPOTENCY_KEY",
                        "Idempotency-Key must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
            }
        } else if (submissionId != null && !ID.matcher(submissionId).matches()) {
            throw ApiException.invalid("submissionId", "INVALID_SUBMISSION_ID",
                    "submissionId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        Instant occurredAt = instant(o, "occurredAt", now);
        if (submissionId == null) {
            // no key given: the same body sent twice is the same submission
            submissionId = "sub_" + contentHash(o);
        }
        return new Submission(submissionId, FormType.normalise(formType), email,
                text(o, "firstName"), text(o, "lastName"), text(o, "company"), text(o, "jobTitle"), text(o, "phone"),
                text(o, "country"), text(o, "industry"), integer(o, "companySize", 0, 10_000_000),
                text(o, "asset"), text(o, "campaignType"), text(o, "campaignName"), text(o, "utmSource"),
                text(o, "utmMedium"), text(o, "utmCampaign"), text(o, "useCase"), textList(o, "frameworks"),
                text(o, "deploymentType"), text(o, "environment"), text(o, "partnerId"),
                bool(o, "partnerPrequalified"), bool(o, "consent"), occurredAt);
    }

    /** A valid address (trimmed), or 422 INVALID_EMAIL naming {@code field}. */
    public static String email(String value, String field) {
        String email = value.trim();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.invalid(field, "INVALID_EMAIL", field + " must be a valid address like name@company.com");
        }
        return email;
    }

    public static String requiredText(ObjectNode o, String field) {
        String v = text(o, field);
        if (v == null || v.isBlank()) {
            throw ApiException.invalid(field, "FIELD_REQUIRED", field + " is required");
        }
        return v;
    }

    /** A bounded, control-character-free text, or null when absent / empty. */
    public static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, "INVALID_TYPE", field + " must be a string");
        }
        String s = v.asText();
        if (s.length() > MAX_TEXT) {
            throw ApiException.invalid(field, "TOO_LONG", field + " must be at most " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // control characters; unpaired surrogates (not text: they break UTF-8 downstream);
            // bidi overrides and isolates, which make "Acme\u202Egnp.exe" display as "Acmeexe.png"
            boolean unpaired = Character.isHighSurrogate(c)
                    ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i))
                    : Character.isLowSurrogate(c);
            if ((Character.isISOControl(c) && c != '\t') || unpaired || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                throw ApiException.invalid(field, "INVALID_CHARACTERS", field
                        + " must not contain control, bidi-override or broken unicode characters");
            }
        }
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    static List<String> textList(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiException.invalid(field, "INVALID_TYPE", field + " must be a list of strings");
        }
        if (v.size() > MAX_LIST) {
            throw ApiException.invalid(field, "TOO_MANY_ITEMS", field + " may hold at most " + MAX_LIST + " items");
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
            JsonNode x = it.next();
            if (!x.isTextual() || x.asText().length() > MAX_TEXT) {
                throw ApiException.invalid(field, "INVALID_TYPE", field + " must be a list of strings of at most "
                        + MAX_TEXT + " characters");
            }
            if (!x.asText().isBlank()) {
                out.add(x.asText().trim());
            }
        }
        return out;
    }

    static Integer integer(ObjectNode o, String field, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        long n;
        if (v.isIntegralNumber()) {
            n = v.asLong();
        } else if (v.isTextual() && DIGITS.matcher(v.asText().trim()).matches()) {
            n = Long.parseLong(v.asText().trim());
        } else {
            throw ApiException.invalid(field, "INVALID_TYPE", field + " must be a whole number");
        }
        if (n < min || n > max) {
            throw ApiException.invalid(field, "OUT_OF_RANGE", field + " must be between " + min + " and " + max);
        }
        return (int) n;
    }

    static Boolean bool(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            switch (v.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on", "yes", "1" -> { return true; }
                case "false", "off", "no", "0", "" -> { return false; }
                default -> { }
            }
        }
        throw ApiException.invalid(field, "INVALID_TYPE", field + " must be true or false");
    }

    /** ISO-8601 instant; absent means now; more than a day ahead is refused. */
    public static Instant instant(ObjectNode o, String field, Instant now) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return now;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, "INVALID_DATE", field + " must be an ISO-8601 date-time string");
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(v.asText().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "INVALID_DATE", field + " must be ISO-8601, e.g. 2026-12-04T10:15:00Z");
        }
        if (t.isAfter(now.plus(Duration.ofDays(1)))) {
            throw ApiException.invalid(field, "DATE_IN_FUTURE", field + " must not be in the future");
        }
        return t;
    }

    private static String contentHash(ObjectNode o) {
        try {
            ObjectNode copy = o.deepCopy();
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    Json.MAPPER.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                            .writeValueAsBytes(Json.MAPPER.convertValue(copy, java.util.TreeMap.class)));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
