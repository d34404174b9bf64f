package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.api.JsonValues;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Small graphs and a checked applier for changesets. */
final class Graphs {
    private Graphs() {
    }

    /** A {@code job} node labelled with its id in upper case. */
    static Node node(String id, double x, double y) {
        return Node.create(id, "job", new Position(x, y), Map.of("label", id.toUpperCase()));
    }

    static Edge edge(String source, String target) {
        return Edge.create(source + target, source, target);
    }

    /** Every node and edge id of the graph. */
    static Set<String> ids(Graph g) {
        Set<String> ids = new HashSet<>();
        g.nodes().forEach(n -> ids.add(n.id()));
        g.edges().forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** The ids a changeset creates (added nodes and edges), in order. */
    static List<String> newIds(Changeset c) {
        List<String> ids = new ArrayList<>();
        c.add().forEach(n -> ids.add(n.id()));
        c.addEdges().forEach(e -> ids.add(e.id()));
        return ids;
    }

    /**
     * Checks that the changeset's new ids are fresh (not in the graph), distinct, and all handed
     * out by the context.
     */
    static void assertFreshIds(Graph g, TestContext context, Changeset c) {
        Set<String> existing = ids(g);
        Set<String> seen = new HashSet<>();
        for (String id : newIds(c)) {
            assertFalse(existing.contains(id), "id " + id + " already exists in the graph");
            assertTrue(seen.add(id), "id " + id + " is used twice in the changeset");
            assertTrue(context.handedOut().contains(id), "id " + id + " was not obtained from newId");
        }
    }

    /**
     * Applies a changeset the way the server does ({@link Changeset#toOps()} order), failing on
     * anything the server's validator would reject: unknown ids to remove or update, duplicate
     * ids, edges whose ends do not exist.
     */
    static Graph apply(Graph g, Changeset c) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        g.nodes().forEach(n -> nodes.put(n.id(), n));
        Map<String, Edge> edges = new LinkedHashMap<>();
        g.edges().forEach(e -> edges.put(e.id(), e));
        for (GraphOp op : c.toOps()) {
            switch (op) {
                case GraphOp.RemoveEdge r -> assertNotNull(edges.remove(r.id()), "remove_edge of unknown " + r.id());
                case GraphOp.RemoveNode r -> {
                    assertNotNull(nodes.remove(r.id()), "remove_node of unknown " + r.id());
                    edges.values().removeIf(e -> e.source().equals(r.id()) || e.target().equals(r.id()));
                }
                case GraphOp.AddNode a -> {
                    assertFalse(edges.containsKey(a.node().id()), "node id " + a.node().id() + " taken by an edge");
                    assertNull(nodes.put(a.node().id(), a.node()), "duplicate node id " + a.node().id());
                }
                case GraphOp.UpdateNode u -> {
                    Node n = nodes.get(u.id());
                    assertNotNull(n, "update_node of unknown " + u.id());
                    nodes.put(n.id(), new Node(n.id(), n.type(), u.position().orElse(n.position()),
                            JsonValues.merge(n.data(), u.data()), n.extra()));
                }
                case GraphOp.AddEdge a -> {
                    Edge e = a.edge();
                    assertTrue(nodes.containsKey(e.source()), "edge " + e.id() + " from missing " + e.source());
                    assertTrue(nodes.containsKey(e.target()), "edge " + e.id() + " to missing " + e.target());
                    assertFalse(nodes.containsKey(e.id()), "edge id " + e.id() + " taken by a node");
                    assertNull(edges.put(e.id(), e), "duplicate edge id " + e.id());
                }
                default -> fail("unexpected op " + op);
            }
        }
        return Graph.of(List.copyOf(nodes.values()), List.copyOf(edges.values()));
    }
}
