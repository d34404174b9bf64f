package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.api.JsonValues;
import io.flowcraft.api.Node;
import io.flowcraft.api.protocol.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@link GraphOp}s to a working copy of a graph, collecting every problem (unknown id,
 * duplicate id, bad field) instead of stopping at the first, and recording the operations as they
 * took effect: a {@code remove_node} is recorded as the {@code remove_edge}s of its attached edges
 * followed by the {@code remove_node}, so the history says exactly what went away.
 *
 * <p>Not thread-safe: one editor per change.
 */
public final class GraphEditor {
    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final LinkedHashMap<String, Edge> edges = new LinkedHashMap<>();
    private final LinkedHashMap<String, Object> fields;
    private final List<GraphOp> applied = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final java.util.Set<String> touchedEdges = new java.util.LinkedHashSet<>();

    private GraphEditor(Graph graph) {
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        graph.edges().forEach(e -> edges.put(e.id(), e));
        fields = new LinkedHashMap<>(graph.fields());
    }

    /**
     * An editor starting from {@code graph}.
     *
     * @param graph the graph to change (not modified)
     * @return the editor
     */
    public static GraphEditor of(Graph graph) {
        return new GraphEditor(graph);
    }

    /**
     * Applies operations in order. An operation with a problem is skipped and the problem recorded.
     *
     * @param ops the operations
     * @return this editor
     */
    public GraphEditor apply(List<GraphOp> ops) {
        for (int i = 0; i < ops.size(); i++) {
            apply(i, ops.get(i));
        }
        return this;
    }

    private void apply(int index, GraphOp op) {
        switch (op) {
            case GraphOp.AddNode a -> {
                if (nodes.containsKey(a.node().id())) {
                    problem(index, "duplicate_node_id", "node id '" + a.node().id() + "' already exists", a.node().id());
                } else {
                    nodes.put(a.node().id(), a.node());
                    applied.add(a);
                }
            }
            case GraphOp.UpdateNode u -> updateNode(index, u);
            case GraphOp.RemoveNode r -> {
                if (nodes.remove(r.id()) == null) {
                    problem(index, "unknown_node", "there is no node '" + r.id() + "' to remove", r.id());
                    return;
                }
                List<String> attached = new ArrayList<>();
                edges.values().forEach(e -> {
                    if (e.source().equals(r.id()) || e.target().equals(r.id())) {
                        attached.add(e.id());
                    }
                });
                attached.forEach(id -> {
                    edges.remove(id);
                    applied.add(new GraphOp.RemoveEdge(id));
                });
                applied.add(r);
            }
            case GraphOp.AddEdge a -> {
                if (edges.containsKey(a.edge().id())) {
                    problem(index, "duplicate_edge_id", "edge id '" + a.edge().id() + "' already exists", a.edge().id());
                } else {
                    edges.put(a.edge().id(), a.edge());
                    touchedEdges.add(a.edge().id());
                    applied.add(a);
                }
            }
            case GraphOp.UpdateEdge u -> updateEdge(index, u);
            case GraphOp.RemoveEdge r -> {
                if (edges.remove(r.id()) == null) {
                    problem(index, "unknown_edge", "there is no edge '" + r.id() + "' to remove", r.id());
                } else {
                    applied.add(r);
                }
            }
            case GraphOp.SetField s -> {
                if (s.value() == null) {
                    fields.remove(s.key());
                } else {
                    fields.put(s.key(), s.value());
                }
                applied.add(s);
            }
        }
    }

    private void updateNode(int index, GraphOp.UpdateNode u) {
        Node n = nodes.get(u.id());
        if (n == null) {
            problem(index, "unknown_node", "there is no node '" + u.id() + "' to update", u.id());
            return;
        }
        String type = n.type();
        Map<String, Object> extra = new LinkedHashMap<>(n.extra());
        for (Map.Entry<String, Object> f : u.fields().entrySet()) {
            if (f.getKey().equals("type")) {
                if (!(f.getValue() instanceof String t) || t.isEmpty()) {
                    problem(index, "invalid_op", "a node's type must be a non-empty string", u.id());
                    return;
                }
                type = t;
            } else if (f.getValue() == null) {
                extra.remove(f.getKey());
            } else {
                extra.put(f.getKey(), f.getValue());
            }
        }
        nodes.put(n.id(), new Node(n.id(), type, u.position().orElse(n.position()),
                JsonValues.merge(n.data(), u.data()), extra));
        applied.add(u);
    }

    private void updateEdge(int index, GraphOp.UpdateEdge u) {
        Edge e = edges.get(u.id());
        if (e == null) {
            problem(index, "unknown_edge", "there is no edge '" + u.id() + "' to update", u.id());
            return;
        }
        String source = e.source();
        String target = e.target();
        Optional<String> sourceHandle = e.sourceHandle();
        Optional<String> targetHandle = e.targetHandle();
        Map<String, Object> extra = new LinkedHashMap<>(e.extra());
        for (Map.Entry<String, Object> f : u.fields().entrySet()) {
            Object v = f.getValue();
            switch (f.getKey()) {
                case "source", "target" -> {
                    if (!(v instanceof String s) || s.isEmpty()) {
                        problem(index, "invalid_op", "an edge's " + f.getKey() + " must be a node id", u.id());
                        return;
                    }
                    if (f.getKey().equals("source")) {
                        source = s;
                    } else {
                        target = s;
                    }
                }
                case "sourceHandle", "targetHandle" -> {
                    if (v != null && !(v instanceof String)) {
                        problem(index, "invalid_op", "an edge's " + f.getKey() + " must be a string or null", u.id());
                        return;
                    }
                    Optional<String> h = Optional.ofNullable((String) v);
                    if (f.getKey().equals("sourceHandle")) {
                        sourceHandle = h;
                    } else {
                        targetHandle = h;
                    }
                }
                default -> {
                    if (v == null) {
                        extra.remove(f.getKey());
                    } else {
                        extra.put(f.getKey(), v);
                    }
                }
            }
        }
        edges.put(e.id(), new Edge(e.id(), source, target, sourceHandle, targetHandle,
                JsonValues.merge(e.data(), u.data()), extra));
        touchedEdges.add(e.id());
        applied.add(u);
    }

    private void problem(int index, String code, String message, String id) {
        problems.add(new Problem(code, "ops[" + index + "]: " + message, id));
    }

    /**
     * The problems found so far, plus edges added or changed by the operations whose end nodes do
     * not exist in the result. Only what the operations touched is checked (node removals take
     * their edges with them), so the cost is O(change), given a valid starting graph.
     *
     * @return every problem; empty when all operations applied and the result is valid
     */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(problems);
        for (String id : touchedEdges) {
            Edge e = edges.get(id);
            if (e == null) {
                continue;
            }
            if (!nodes.containsKey(e.source())) {
                all.add(new Problem("dangling_edge", "edge '" + id + "' starts at node '" + e.source()
                        + "', which does not exist", id));
            }
            if (!nodes.containsKey(e.target())) {
                all.add(new Problem("dangling_edge", "edge '" + id + "' ends at node '" + e.target()
                        + "', which does not exist", id));
            }
        }
        return all;
    }

    /**
     * The operations as they took effect (with implied edge removals made explicit).
     *
     * @return the applied operations
     */
    public List<GraphOp> applied() {
        return List.copyOf(applied);
    }

    /**
     * The graph after the operations.
     *
     * @return the result
     */
    public Graph toGraph() {
        return new Graph(new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()), fields);
    }
}
