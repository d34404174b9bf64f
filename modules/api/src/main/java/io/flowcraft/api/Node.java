package io.flowcraft.api;

import java.util.Map;
import java.util.Objects;

/**
 * A node of a graph, in the shape the browser's React Flow uses.
 *
 * <p>{@code data} holds the node's fields (for a diagram, the executor's fields as its descriptor
 * names them); {@code extra} holds every other top-level field a client sent (for example
 * {@code width}, {@code parentId}), kept as it is. Both maps are deeply immutable JSON objects (see
 * {@link JsonValues}). Instances are immutable and thread-safe.
 *
 * @param id       unique id within the graph, non-empty
 * @param type     the node type (an executor's type id in a diagram), non-empty
 * @param position where the node is drawn
 * @param data     the node's fields
 * @param extra    other top-level fields, never {@code id}, {@code type}, {@code position} or {@code data}
 */
public record Node(String id, String type, Position position, Map<String, Object> data,
                   Map<String, Object> extra) {
    /**
     * Checks and freezes the components.
     *
     * @throws NullPointerException     if id, type or position is null
     * @throws IllegalArgumentException if a map holds a non-JSON value
     */
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
        data = JsonValues.freezeObject(data);
        extra = JsonValues.freezeObject(extra);
    }

    /**
     * A node without extra fields.
     *
     * @param id       node id
     * @param type     node type
     * @param position position
     * @param data     the node's fields
     * @return a new node
     */
    public static Node create(String id, String type, Position position, Map<String, ?> data) {
        return new Node(id, type, position, JsonValues.freezeObject(data), Map.of());
    }

    /**
     * This node moved to another position.
     *
     * @param newPosition the new position
     * @return a copy at {@code newPosition}
     */
    public Node withPosition(Position newPosition) {
        return new Node(id, type, newPosition, data, extra);
    }

    /**
     * This node with other data.
     *
     * @param newData the new data
     * @return a copy holding {@code newData}
     */
    public Node withData(Map<String, ?> newData) {
        return new Node(id, type, position, JsonValues.freezeObject(newData), extra);
    }
}
