package io.flowcraft.graph;

import java.util.Objects;

/**
 * A missing or ill-typed field in a message or document.
 *
 * @param field    the field's path, such as {@code payload.graph.nodes[3].position.x}
 * @param expected what was expected there, such as {@code "a number"}
 * @param found    what was found: {@code "missing"}, {@code "a string"}, …
 */
public record FieldProblem(String field, String expected, String found) {
    /** @throws NullPointerException if a component is null */
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
    }

    /**
     * A sentence a person can act on.
     *
     * @return for example {@code "payload.version must be an integer, found a string"}
     */
    public String describe() {
        return field + " must be " + expected + ", found " + found;
    }
}
