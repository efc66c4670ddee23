package io.stagegate.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import software.constructs.Node;

/**
 * Reads CDK context the way both sources deliver it: {@code -c key=a,b} gives a string,
 * {@code cdk.json} may give a JSON list or boolean.
 */
final class ContextValues {

    private ContextValues() {
    }

    static Optional<String> string(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static Optional<List<String>> list(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return Optional.empty();
        }
        List<String> items = value instanceof List<?> l
                ? l.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return Optional.of(items);
    }

    static boolean bool(Node node, String key, boolean fallback) {
        return string(node, key).map(v -> switch (v.toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("context '" + key + "' must be true or false, was '" + v + "'");
        }).orElse(fallback);
    }

    static int integer(Node node, String key, int fallback) {
        return string(node, key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("context '" + key + "' must be a whole number, was '" + v + "'", e);
            }
        }).orElse(fallback);
    }
}
