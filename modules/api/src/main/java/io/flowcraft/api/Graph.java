package io.flowcraft.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A graph: nodes, edges and diagram-level fields (for example {@code persons}).
 *
 * <p>A graph value is an immutable snapshot; it may be invalid (dangling edges, duplicate ids),
 * which the graph store checks before accepting it. The node and edge order is kept as clients
 * sent it. Instances are immutable and thread-safe.
 *
 * @param nodes  the nodes
 * @param edges  the edges
 * @param fields diagram-level fields beside {@code nodes} and {@code edges}, kept as they are
 */
public record Graph(List<Node> nodes, List<Edge> edges, Map<String, Object> fields) {
    private static final Graph EMPTY = new Graph(List.of(), List.of(), Map.of());

    /**
     * Copies the lists and freezes the fields.
     *
     * @throws NullPointerException if a list or an element is null
     */
    public Graph {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
        fields = JsonValues.freezeObject(fields);
    }

    /**
     * The empty graph, the state of every new graph at version 0.
     *
     * @return the empty graph
     */
    public static Graph empty() {
        return EMPTY;
    }

    /**
     * A graph without diagram-level fields.
     *
     * @param nodes the nodes
     * @param edges the edges
     * @return a new graph
     */
    public static Graph of(List<Node> nodes, List<Edge> edges) {
        return new Graph(nodes, edges, Map.of());
    }

    /**
     * Finds a node by id (a linear scan; the graph store keeps indexes for hot paths).
     *
     * @param id the node id
     * @return the node, if present
     */
    public Optional<Node> node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds an edge by id (a linear scan).
     *
     * @param id the edge id
     * @return the edge, if present
     */
    public Optional<Edge> edge(String id) {
        for (Edge e : edges) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
