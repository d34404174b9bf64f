package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.spi.ActionContext;
import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.GraphAction;
import org.pf4j.Extension;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the node and everything reachable only through it: a descendant that can also be
 * reached from a node outside the subtree without passing through the target stays.
 */
@Extension
public class DeleteSubtree implements GraphAction {
    @Override
    public ActionDescriptor descriptor() {
        return new ActionDescriptor("delete-subtree", "Delete subtree",
                "Deletes this node and the nodes reachable only through it", List.of(), List.of());
    }

    @Override
    public Changeset apply(ActionContext context) {
        Graph g = context.graph();
        String root = context.target().id();
        Map<String, List<String>> out = new HashMap<>();
        for (Edge e : g.edges()) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
        }
        Set<String> fromRoot = reach(List.of(root), out, Set.of());
        List<String> outside = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (!fromRoot.contains(n.id())) {
                outside.add(n.id());
            }
        }
        // nodes reachable from outside the subtree without passing through the target stay
        Set<String> kept = reach(outside, out, Set.of(root));
        Set<String> remove = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (fromRoot.contains(n.id()) && (n.id().equals(root) || !kept.contains(n.id()))) {
                remove.add(n.id());
            }
        }
        List<String> removeEdges = g.edges().stream()
                .filter(e -> remove.contains(e.source()) || remove.contains(e.target())).map(Edge::id).toList();
        return new Changeset(List.of(), List.of(), List.copyOf(remove), List.of(), removeEdges);
    }

    private static Set<String> reach(List<String> starts, Map<String, List<String>> out, Set<String> blocked) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String s : starts) {
            if (!blocked.contains(s) && seen.add(s)) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            for (String next : out.getOrDefault(queue.poll(), List.of())) {
                if (!blocked.contains(next) && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }
}
