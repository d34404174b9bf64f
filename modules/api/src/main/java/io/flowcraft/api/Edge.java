package io.flowcraft.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A directed edge between two nodes, in the shape the browser's React Flow uses.
 *
 * <p>{@code sourceHandle} picks an output of the source node (for example {@code condtrue}),
 * {@code targetHandle} an input of the target. {@code extra} holds every other top-level field,
 * such as {@code label} (the name of the value at the target) or {@code animated}. Instances are
 * immutable and thread-safe.
 *
 * @param id           unique id within the graph, non-empty
 * @param source       id of the source node
 * @param target       id of the target node
 * @param sourceHandle the source node's output, if any
 * @param targetHandle the target node's input, if any
 * @param data         the edge's data (for example {@code contentType}), possibly empty
 * @param extra        other top-level fields
 */
public record Edge(String id, String source, String target, Optional<String> sourceHandle,
                   Optional<String> targetHandle, Map<String, Object> data,
                   Map<String, Object> extra) {
    /**
     * Checks and freezes the components.
     *
     * @throws NullPointerException if a required component is null
     */
    public Edge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sourceHandle, "sourceHandle");
        Objects.requireNonNull(targetHandle, "targetHandle");
        data = JsonValues.freezeObject(data);
        extra = JsonValues.freezeObject(extra);
    }

    /**
     * A plain edge without handles, data or extra fields.
     *
     * @param id     edge id
     * @param source source node id
     * @param target target node id
     * @return a new edge
     */
    public static Edge create(String id, String source, String target) {
        return new Edge(id, source, target, Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    /**
     * The edge's {@code label}: the name of the value at the target, if set.
     *
     * @return the label
     */
    public Optional<String> label() {
        return extra.get("label") instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
