package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.spi.ActionContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link ActionContext} like the host's: ids unique in the graph and among those handed out.
 * Unlike the host (random suffixes) it hands out {@code prefix-1}, {@code prefix-2}, … skipping
 * taken ones, so tests are deterministic and a graph holding {@code node-1} proves an action takes
 * its ids from here. It records every id it hands out, so tests can check that an action invents
 * none of its own.
 */
final class TestContext implements ActionContext {
    private final Graph graph;
    private final Node target;
    private final Map<String, Object> params;
    private final Set<String> used = new HashSet<>();
    private final List<String> handedOut = new ArrayList<>();

    private TestContext(Graph graph, Node target, Map<String, Object> params) {
        this.graph = graph;
        this.target = target;
        this.params = params;
        graph.nodes().forEach(n -> used.add(n.id()));
        graph.edges().forEach(e -> used.add(e.id()));
    }

    /** A context for the node {@code target} of {@code graph}, which must exist. */
    static TestContext of(Graph graph, String target, Map<String, ?> params) {
        Node node = graph.node(target).orElseThrow(() -> new IllegalArgumentException("no node " + target));
        return new TestContext(graph, node, io.flowcraft.api.JsonValues.freezeObject(params));
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public Node target() {
        return target;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public String newId(String prefix) {
        for (int i = 1; ; i++) {
            String id = prefix + "-" + i;
            if (used.add(id)) {
                handedOut.add(id);
                return id;
            }
        }
    }

    /** Every id handed out so far, in order. */
    List<String> handedOut() {
        return List.copyOf(handedOut);
    }
}
