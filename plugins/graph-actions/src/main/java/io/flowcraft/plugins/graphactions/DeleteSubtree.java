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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code delete-subtree}: removes the target and every node reachable from it <em>only</em>
 * through it.
 *
 * <p>Let S be the nodes reachable from the target along edge direction (the target included).
 * A node of S stays when it can also be reached from some node outside S by a path that does not
 * pass through the target (for example a second root feeding a shared descendant, the "diamond"
 * case); every other node of S, and always the target, is removed. Cycles are fine: the walks
 * are breadth-first with a visited set. A cycle through the target that nothing outside feeds is
 * removed whole, since each of its nodes is reachable only through the target.
 *
 * <p>The changeset lists the removed node ids in graph order and, for clarity, every edge
 * attached to a removed node in {@code removeEdges} (removing the nodes would drop them anyway).
 * Two O(nodes + edges) walks; no parameters. Stateless and thread-safe.
 */
@Extension
public class DeleteSubtree implements GraphAction {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("delete-subtree", "Delete subtree",
            "Deletes this node and every node reachable only through it; nodes also reachable from elsewhere stay.",
            List.of(), List.of());

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Changeset apply(ActionContext context) {
        Graph g = context.graph();
        String root = context.target().id();
        Map<String, List<String>> out = new HashMap<>();
        for (Edge e : g.edges()) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
        }
        Set<String> subtree = reach(List.of(root), out, null);
        List<String> outside = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (!subtree.contains(n.id())) {
                outside.add(n.id());
            }
        }
        // what the rest of the graph reaches without passing through the target stays
        Set<String> reachedFromOutside = reach(outside, out, root);
        Set<String> remove = new HashSet<>();
        List<String> removeIds = new ArrayList<>();
        for (Node n : g.nodes()) {
            String id = n.id();
            if (id.equals(root) || (subtree.contains(id) && !reachedFromOutside.contains(id))) {
                if (remove.add(id)) {
                    removeIds.add(id);
                }
            }
        }
        List<String> removeEdges = g.edges().stream()
                .filter(e -> remove.contains(e.source()) || remove.contains(e.target()))
                .map(Edge::id).distinct().toList();
        return new Changeset(List.of(), List.of(), removeIds, List.of(), removeEdges);
    }

    /** Every node reachable from {@code starts} (included), never entering {@code blocked}. */
    private static Set<String> reach(List<String> starts, Map<String, List<String>> out, String blocked) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String s : starts) {
            if (!s.equals(blocked) && seen.add(s)) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            for (String next : out.getOrDefault(queue.poll(), List.of())) {
                if (!next.equals(blocked) && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }
}
