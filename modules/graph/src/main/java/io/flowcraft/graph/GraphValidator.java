package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.protocol.Problem;
import org.jgrapht.graph.DirectedPseudograph;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a graph's structure and returns every problem at once: duplicate node and edge ids,
 * edges whose source or target is missing.
 *
 * <p>Builds a jgrapht {@link DirectedPseudograph} (loops and parallel edges are legal in a
 * diagram), which later checks (reachability, cycles) share. Stateless and thread-safe.
 */
public final class GraphValidator {
    private GraphValidator() {
    }

    /**
     * Validates a graph.
     *
     * @param graph the graph
     * @return every problem found; empty when the graph is valid
     */
    public static List<Problem> validate(Graph graph) {
        List<Problem> problems = new ArrayList<>();
        DirectedPseudograph<String, String> g = new DirectedPseudograph<>(null, null, false);
        for (Node n : graph.nodes()) {
            if (!g.addVertex(n.id())) {
                problems.add(new Problem("duplicate_node_id",
                        "node id '" + n.id() + "' is used by more than one node", n.id()));
            }
        }
        java.util.Set<String> edgeIds = new java.util.HashSet<>();
        for (Edge e : graph.edges()) {
            boolean sourceOk = g.containsVertex(e.source());
            boolean targetOk = g.containsVertex(e.target());
            if (!sourceOk) {
                problems.add(new Problem("dangling_edge", "edge '" + e.id() + "' starts at node '"
                        + e.source() + "', which does not exist", e.id()));
            }
            if (!targetOk) {
                problems.add(new Problem("dangling_edge", "edge '" + e.id() + "' ends at node '"
                        + e.target() + "', which does not exist", e.id()));
            }
            if (!edgeIds.add(e.id())) {
                problems.add(new Problem("duplicate_edge_id",
                        "edge id '" + e.id() + "' is used by more than one edge", e.id()));
            } else if (sourceOk && targetOk) {
                g.addEdge(e.source(), e.target(), e.id());
            }
        }
        return problems;
    }
}
