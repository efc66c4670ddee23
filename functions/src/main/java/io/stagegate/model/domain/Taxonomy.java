package io.stagegate.model.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cybersecurity vocabulary everything else refers to. Matching of names is case-insensitive.
 */
public record Taxonomy(
        List<Industry> industries,
        List<Role> roles,
        List<NamedItem> useCases,
        List<NamedItem> frameworks,
        Set<String> topics,
        List<Asset> assets,
        List<PagePath> pages,
        Map<String, String> regionByCountry) {

    /** An item with an id and the names forms may use for it. */
    public record NamedItem(String id, String name, List<String> aliases) {
    }

    public record Industry(String id, String name, List<String> aliases) {
    }

    /**
     * A buyer role and the job-title patterns (regular expressions, case-insensitive) that map to
     * it. {@code buyer} false marks non-buyers (students, interns): negative fit.
     */
    public record Role(String id, List<Pattern> titlePatterns, boolean technical, boolean buyer) {
    }

    public record Asset(String id, String name, String useCase, Set<String> topics) {
    }

    /**
     * A path prefix and what a view of it means. With {@code frameworkFromPath}, the path segment
     * after the prefix names a compliance framework.
     */
    public record PagePath(String prefix, String useCase, Set<String> topics, boolean frameworkFromPath) {
    }
}
