package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.spi.ActionContext;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A context like the host's: ids unique in the graph and among those handed out. */
record TestContext(Graph graph, Node target, Map<String, Object> params, Set<String> used) implements ActionContext {
    static TestContext of(Graph graph, String target, Map<String, Object> params) {
        Set<String> used = new HashSet<>();
        graph.nodes().forEach(n -> used.add(n.id()));
        graph.edges().forEach(e -> used.add(e.id()));
        return new TestContext(graph, graph.node(target).orElseThrow(), params, used);
    }

    @Override
    public String newId(String prefix) {
        for (int i = 1; ; i++) {
            if (used.add(prefix + "-" + i)) {
                return prefix + "-" + i;
            }
        }
    }
}
