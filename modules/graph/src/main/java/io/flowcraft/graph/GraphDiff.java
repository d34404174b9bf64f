package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.api.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the operations that turn one graph into another, so that a change that arrived as a
 * whole-graph {@code sync_graph} can be sent to patch clients and recorded in the history as what
 * really changed. Applying {@code diff(a, b)} to {@code a} gives a graph equal to {@code b} up to
 * the order of nodes and edges. Stateless; thread-safe.
 */
public final class GraphDiff {
    private GraphDiff() {
    }

    /**
     * The operations from {@code before} to {@code after}, in an order that applies: edge removals,
     * node additions and updates, edge updates (an edge may move to a new node), node removals (no
     * edge is attached to them any more), edge additions, diagram-field changes.
     *
     * @param before the old graph
     * @param after  the new graph
     * @return the operations, empty when the graphs are equal
     */
    public static List<GraphOp> diff(Graph before, Graph after) {
        Map<String, Node> oldNodes = new HashMap<>();
        before.nodes().forEach(n -> oldNodes.put(n.id(), n));
        Map<String, Edge> oldEdges = new HashMap<>();
        before.edges().forEach(e -> oldEdges.put(e.id(), e));
        Map<String, Node> newNodes = new HashMap<>();
        after.nodes().forEach(n -> newNodes.put(n.id(), n));
        Map<String, Edge> newEdges = new HashMap<>();
        after.edges().forEach(e -> newEdges.put(e.id(), e));

        List<GraphOp> ops = new ArrayList<>();
        for (Edge e : before.edges()) {
            if (!newEdges.containsKey(e.id())) {
                ops.add(new GraphOp.RemoveEdge(e.id()));
            }
        }
        for (Node n : after.nodes()) {
            Node old = oldNodes.get(n.id());
            if (old == null) {
                ops.add(new GraphOp.AddNode(n));
            } else if (!old.equals(n)) {
                ops.add(new GraphOp.UpdateNode(n.id(),
                        old.position().equals(n.position()) ? Optional.empty() : Optional.of(n.position()),
                        changes(old.data(), n.data()), nodeFields(old, n)));
            }
        }
        List<GraphOp> edgeAdds = new ArrayList<>();
        for (Edge e : after.edges()) {
            Edge old = oldEdges.get(e.id());
            if (old == null) {
                edgeAdds.add(new GraphOp.AddEdge(e));
            } else if (!old.equals(e)) {
                ops.add(new GraphOp.UpdateEdge(e.id(), changes(old.data(), e.data()), edgeFields(old, e)));
            }
        }
        for (Node n : before.nodes()) {
            if (!newNodes.containsKey(n.id())) {
                ops.add(new GraphOp.RemoveNode(n.id()));
            }
        }
        ops.addAll(edgeAdds);
        Map<String, Object> fieldChanges = changes(before.fields(), after.fields());
        fieldChanges.forEach((k, v) -> ops.add(new GraphOp.SetField(k, v)));
        return ops;
    }

    /** Keys whose value differs, with the new value, or {@code null} for a removed key. */
    private static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!before.containsKey(k) || !Objects.equals(before.get(k), v)) {
                out.put(k, v);
            }
        });
        before.keySet().forEach(k -> {
            if (!after.containsKey(k)) {
                out.put(k, null);
            }
        });
        return out;
    }

    private static Map<String, Object> nodeFields(Node old, Node n) {
        Map<String, Object> out = changes(old.extra(), n.extra());
        if (!old.type().equals(n.type())) {
            out.put("type", n.type());
        }
        return out;
    }

    private static Map<String, Object> edgeFields(Edge old, Edge e) {
        Map<String, Object> out = changes(old.extra(), e.extra());
        if (!old.source().equals(e.source())) {
            out.put("source", e.source());
        }
        if (!old.target().equals(e.target())) {
            out.put("target", e.target());
        }
        if (!old.sourceHandle().equals(e.sourceHandle())) {
            out.put("sourceHandle", e.sourceHandle().orElse(null));
        }
        if (!old.targetHandle().equals(e.targetHandle())) {
            out.put("targetHandle", e.targetHandle().orElse(null));
        }
        return out;
    }
}
