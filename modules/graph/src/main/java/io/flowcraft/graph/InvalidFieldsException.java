package io.flowcraft.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a message or document has missing or ill-typed fields; lists every one found.
 */
public final class InvalidFieldsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problems, never empty. */
    private final transient List<FieldProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems every problem found, not empty
     */
    public InvalidFieldsException(List<FieldProblem> problems) {
        super(problems.stream().limit(5).map(FieldProblem::describe).collect(Collectors.joining("; "))
                + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found.
     *
     * @return the problems, not empty
     */
    public List<FieldProblem> problems() {
        return problems;
    }
}
