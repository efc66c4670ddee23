package io.stagegate.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The lead model file is unusable. Lists every problem found, each with its location in the
 * file and what to do about it, so an operator fixes the file in one pass.
 */
public final class LeadModelException extends RuntimeException {

    /** {@code line} is 1-based, 0 when unknown; {@code path} is a JSON pointer into the document. */
    public record Problem(String path, int line, String message, String fix) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + " " : "") + "at " + (path.isEmpty() ? "/" : path) + ": "
                    + message + (fix == null ? "" : " — fix: " + fix);
        }
    }

    private final String source;
    private final List<Problem> problems;

    public LeadModelException(String source, List<Problem> problems) {
        super("lead model " + source + " is invalid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }
}
