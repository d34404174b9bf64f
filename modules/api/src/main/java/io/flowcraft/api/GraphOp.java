package io.flowcraft.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to a graph: the unit of delta sync, of changesets and of the history.
 *
 * <p>The wire name of each operation is {@link #op()}. Operations are immutable values; applying
 * them is the graph store's job. Maps follow {@link JsonValues}: in {@code data} and
 * {@code fields} maps of the update operations a {@code null} value removes the key.
 */
public sealed interface GraphOp {
    /**
     * The operation's wire name ({@code add_node}, {@code update_node}, …).
     *
     * @return the wire name
     */
    String op();

    /**
     * Adds a node; its id must be new.
     *
     * @param node the node to add
     */
    record AddNode(Node node) implements GraphOp {
        /** @throws NullPointerException if node is null */
        public AddNode {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String op() {
            return "add_node";
        }
    }

    /**
     * Changes parts of a node: its position, keys of its data (merged; {@code null} removes), and
     * other top-level fields ({@code type} or extras; {@code null} removes an extra).
     *
     * @param id       the node to change
     * @param position the new position, if it moves
     * @param data     data keys to set, or with {@code null} to remove
     * @param fields   other top-level fields to set or remove
     */
    record UpdateNode(String id, Optional<Position> position, Map<String, Object> data,
                      Map<String, Object> fields) implements GraphOp {
        /** Checks and freezes the components. */
        public UpdateNode {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(position, "position");
            data = JsonValues.freezeObject(data);
            fields = JsonValues.freezeObject(fields);
        }

        /**
         * A move of a node.
         *
         * @param id       the node
         * @param position where it goes
         * @return the operation
         */
        public static UpdateNode move(String id, Position position) {
            return new UpdateNode(id, Optional.of(position), Map.of(), Map.of());
        }

        @Override
        public String op() {
            return "update_node";
        }
    }

    /**
     * Removes a node and every edge attached to it.
     *
     * @param id the node to remove
     */
    record RemoveNode(String id) implements GraphOp {
        /** @throws NullPointerException if id is null */
        public RemoveNode {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String op() {
            return "remove_node";
        }
    }

    /**
     * Adds an edge; its id must be new and both ends must exist.
     *
     * @param edge the edge to add
     */
    record AddEdge(Edge edge) implements GraphOp {
        /** @throws NullPointerException if edge is null */
        public AddEdge {
            Objects.requireNonNull(edge, "edge");
        }

        @Override
        public String op() {
            return "add_edge";
        }
    }

    /**
     * Changes parts of an edge: keys of its data (merged) and top-level fields ({@code source},
     * {@code target}, {@code sourceHandle}, {@code targetHandle}, {@code label}, other extras;
     * {@code null} removes an optional one).
     *
     * @param id     the edge to change
     * @param data   data keys to set or remove
     * @param fields top-level fields to set or remove
     */
    record UpdateEdge(String id, Map<String, Object> data, Map<String, Object> fields)
            implements GraphOp {
        /** Checks and freezes the components. */
        public UpdateEdge {
            Objects.requireNonNull(id, "id");
            data = JsonValues.freezeObject(data);
            fields = JsonValues.freezeObject(fields);
        }

        @Override
        public String op() {
            return "update_edge";
        }
    }

    /**
     * Removes an edge.
     *
     * @param id the edge to remove
     */
    record RemoveEdge(String id) implements GraphOp {
        /** @throws NullPointerException if id is null */
        public RemoveEdge {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String op() {
            return "remove_edge";
        }
    }

    /**
     * Sets (or with a {@code null} value removes) a diagram-level field such as {@code persons}.
     *
     * @param key   the field name, never {@code nodes} or {@code edges}
     * @param value the new value, or {@code null} to remove the field
     */
    record SetField(String key, Object value) implements GraphOp {
        /** Checks and freezes the components. */
        public SetField {
            Objects.requireNonNull(key, "key");
            if (key.equals("nodes") || key.equals("edges")) {
                throw new IllegalArgumentException("set_field cannot set '" + key + "'");
            }
            value = JsonValues.freeze(value);
        }

        @Override
        public String op() {
            return "set_field";
        }
    }
}
