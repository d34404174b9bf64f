package io.flowcraft.api.protocol;

import java.util.Objects;

/**
 * One problem found while validating a graph, a diagram or a message.
 *
 * @param code    a stable snake_case code ({@code dangling_edge}, {@code duplicate_node_id}, …)
 * @param message a sentence a person can act on
 * @param id      the node or edge id concerned, or an empty string
 */
public record Problem(String code, String message, String id) {
    /** @throws NullPointerException if a component is null */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(id, "id");
    }
}
