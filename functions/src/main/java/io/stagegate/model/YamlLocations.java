package io.stagegate.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps JSON pointers of a YAML document to the line they start on, so model errors name a line
 * an operator can jump to (the tree model drops locations).
 */
final class YamlLocations {

    private final String yaml;
    private Map<String, Integer> lineByPointer;

    private YamlLocations(String yaml) {
        this.yaml = yaml;
    }

    /** Indexes on the first {@link #lineOf}: a valid model (every cold start) never pays the second parse. */
    static YamlLocations index(String yaml) {
        return new YamlLocations(yaml);
    }

    private static Map<String, Integer> build(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            // each frame: the pointer of the container and, for arrays, the next index
            Deque<String> paths = new ArrayDeque<>();
            Deque<int[]> arrayIndex = new ArrayDeque<>();
            String pendingField = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    pendingField = p.currentName();
                    String ptr = (paths.isEmpty() ? "" : paths.peek()) + "/" + escape(pendingField);
                    lines.putIfAbsent(ptr, p.currentLocation().getLineNr());
                    continue;
                }
                String here;
                if (paths.isEmpty()) {
                    here = "";
                } else if (pendingField != null) {
                    here = paths.peek() + "/" + escape(pendingField);
                } else {
                    here = paths.peek() + "/" + arrayIndex.peek()[0]++;
                }
                pendingField = null;
                lines.putIfAbsent(here, p.currentTokenLocation().getLineNr());
                if (t == JsonToken.START_OBJECT) {
                    paths.push(here);
                    arrayIndex.push(new int[] {-1}); // objects have no index
                } else if (t == JsonToken.START_ARRAY) {
                    paths.push(here);
                    arrayIndex.push(new int[] {0});
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    paths.pop();
                    arrayIndex.pop();
                }
            }
        } catch (IOException e) {
            // syntax errors are reported by the tree parse with their own location
        }
        return lines;
    }

    /** The line of the pointer, or of its nearest ancestor that has one; 0 when unknown. */
    int lineOf(String pointer) {
        if (lineByPointer == null) {
            lineByPointer = build(yaml);
        }
        String p = pointer;
        while (true) {
            Integer line = lineByPointer.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 0;
            }
            p = p.substring(0, slash);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
