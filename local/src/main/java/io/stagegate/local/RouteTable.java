package io.stagegate.local;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.FunctionDef;
import io.stagegate.wiring.Wiring.HttpTrigger;
import io.stagegate.wiring.Wiring.RouteDef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP routes of {@link Wiring#FUNCTIONS}, matched like an API Gateway HTTP API: a
 * {@code {param}} segment matches one segment, a trailing {@code {param+}} the rest of the path,
 * and the route with the most literal segments wins.
 */
final class RouteTable {
    record Match(RouteDef route, FunctionDef function, Map<String, String> pathParameters) {
    }

    private record Entry(RouteDef route, FunctionDef function, String[] segments, int literals) {
    }

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<FunctionDef> functions) {
        for (FunctionDef function : functions) {
            if (function.trigger() instanceof HttpTrigger http) {
                for (RouteDef route : http.routes()) {
                    String[] segments = split(route.path());
                    int literals = (int) java.util.Arrays.stream(segments).filter(s -> !s.startsWith("{")).count();
                    entries.add(new Entry(route, function, segments, literals));
                }
            }
        }
        entries.sort(Comparator.comparingInt(Entry::literals).reversed());
    }

    static RouteTable fromWiring() {
        return new RouteTable(Wiring.FUNCTIONS);
    }

    /** @param rawPath the path as received (percent-encoded); parameters are decoded */
    Optional<Match> match(String method, String rawPath) {
        String[] path = split(rawPath);
        for (Entry entry : entries) {
            if (!entry.route().method().equalsIgnoreCase(method)) {
                continue;
            }
            Map<String, String> parameters = matchSegments(entry.segments(), path);
            if (parameters != null) {
                return Optional.of(new Match(entry.route(), entry.function(), parameters));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> matchSegments(String[] template, String[] path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            boolean param = t.startsWith("{") && t.endsWith("}");
            if (param && t.endsWith("+}") && i == template.length - 1) {
                if (path.length <= i) {
                    return null;
                }
                parameters.put(t.substring(1, t.length() - 2), decode(String.join("/", List.of(path).subList(i, path.length))));
                return parameters;
            }
            if (i >= path.length) {
                return null;
            }
            if (param) {
                parameters.put(t.substring(1, t.length() - 1), decode(path[i]));
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return template.length == path.length ? parameters : null;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
