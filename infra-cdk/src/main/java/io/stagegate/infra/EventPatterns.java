package io.stagegate.infra;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.services.events.EventPattern;

/**
 * Turns the wiring's rule pattern JSON (the same text the local event-ruler matcher uses) into
 * a CDK {@link EventPattern}, key by key, so the template's pattern is the wiring's pattern.
 */
public final class EventPatterns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventPatterns() {
    }

    public static Map<String, Object> parse(String patternJson) {
        try {
            return JSON.readValue(patternJson, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rule pattern is not valid JSON: " + patternJson, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static EventPattern fromJson(String patternJson) {
        EventPattern.Builder b = EventPattern.builder();
        for (Map.Entry<String, Object> e : parse(patternJson).entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                // list values may hold content filters ({"prefix": …}); jsii passes them through as JSON
                case "source" -> b.source((List<String>) list(e.getKey(), v));
                case "detail-type" -> b.detailType((List<String>) list(e.getKey(), v));
                case "account" -> b.account((List<String>) list(e.getKey(), v));
                case "region" -> b.region((List<String>) list(e.getKey(), v));
                case "resources" -> b.resources((List<String>) list(e.getKey(), v));
                case "id" -> b.id((List<String>) list(e.getKey(), v));
                case "time" -> b.time((List<String>) list(e.getKey(), v));
                case "version" -> b.version((List<String>) list(e.getKey(), v));
                case "detail" -> {
                    if (!(v instanceof Map<?, ?> detail)) {
                        throw new IllegalArgumentException("pattern field 'detail' must be an object: " + patternJson);
                    }
                    b.detail((Map<String, Object>) detail);
                }
                default -> throw new IllegalArgumentException("pattern field '" + e.getKey()
                        + "' is not an EventBridge event field: " + patternJson);
            }
        }
        return b.build();
    }

    @SuppressWarnings("rawtypes")
    private static List list(String key, Object value) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException("pattern field '" + key + "' must be an array");
        }
        return l;
    }
}
