package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.spi.ActionDescriptor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.flowcraft.plugins.graphactions.Graphs.edge;
import static io.flowcraft.plugins.graphactions.Graphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DeleteSubtreeTest {
    private final DeleteSubtree action = new DeleteSubtree();

    /** Nodes with the given ids and edges written "ab" for a → b (single-letter ids). */
    private static Graph graph(String nodes, String... edges) {
        List<Node> ns = new ArrayList<>();
        for (char c : nodes.toCharArray()) {
            ns.add(node(String.valueOf(c), 0, 0));
        }
        List<Edge> es = Stream.of(edges).map(e -> edge(e.substring(0, 1), e.substring(1, 2))).toList();
        return Graph.of(ns, es);
    }

    private Changeset run(Graph g, String target) {
        Changeset c = action.apply(TestContext.of(g, target, Map.of()));
        Graph after = Graphs.apply(g, c);
        assertEquals(g.nodes().size() - c.remove().size(), after.nodes().size());
        assertEquals(List.of(), c.add());
        assertEquals(List.of(), c.addEdges());
        assertEquals(List.of(), c.update());
        return c;
    }

    private Set<String> removed(Graph g, String target) {
        return new HashSet<>(run(g, target).remove());
    }

    @Test
    void describesItself() {
        ActionDescriptor d = action.descriptor();
        assertEquals("delete-subtree", d.id());
        assertEquals(List.of(), d.nodeTypes());
        assertEquals(List.of(), d.parameters());
    }

    @Test
    void removesTheNodeAndWhatHangsBelowIt() {
        Graph g = graph("rabcd", "ra", "ab", "bc", "ad");
        assertEquals(Set.of("a", "b", "c", "d"), removed(g, "a"));
        assertEquals(Set.of("b", "c"), removed(g, "b"));
        assertEquals(Set.of("r", "a", "b", "c", "d"), removed(g, "r"));
    }

    @Test
    void aLeafGoesAloneAndUnrelatedNodesStay() {
        Graph g = graph("abxy", "ab", "xy");
        Changeset c = run(g, "b");
        assertEquals(List.of("b"), c.remove());
        assertEquals(List.of("ab"), c.removeEdges());
        assertEquals(Set.of("x", "y"), Set.copyOf(run(graph("abxy", "ab", "xy"), "x").remove()));
        Changeset isolated = run(graph("z"), "z");
        assertEquals(List.of("z"), isolated.remove());
        assertEquals(List.of(), isolated.removeEdges());
    }

    @Test
    void aDiamondBelowTheTargetGoesWhole() {
        Graph g = graph("abcd", "ab", "ac", "bd", "cd");
        assertEquals(Set.of("a", "b", "c", "d"), removed(g, "a"));
        assertEquals(Set.of("b"), removed(g, "b"), "d is still reached through c");
    }

    @Test
    void keepsSharedDescendantsReachableFromOutside() {
        // a → b, a → c, b → d, c → d, and a second root x → c
        Graph g = graph("abcdx", "ab", "ac", "bd", "cd", "xc");
        Changeset c = run(g, "a");
        assertEquals(List.of("a", "b"), c.remove(), "c and d are also reached from x");
        assertEquals(Set.of("ab", "ac", "bd"), new HashSet<>(c.removeEdges()));
        assertEquals(Set.of("x"), removed(g, "x"), "c is still reached from a");
    }

    @Test
    void keepsDescendantsTheTargetsOwnAncestorsReachOtherwise() {
        // r → t → s and r → s: s does not hang only on t
        Graph g = graph("rtsu", "rt", "ts", "rs", "tu");
        assertEquals(Set.of("t", "u"), removed(g, "t"));
    }

    @Test
    void handlesCyclesBelowTheTarget() {
        Graph g = graph("abc", "ab", "bc", "cb");
        assertEquals(Set.of("a", "b", "c"), removed(g, "a"));
        Graph selfLoop = graph("ab", "ab", "bb");
        assertEquals(Set.of("a", "b"), removed(selfLoop, "a"));
        Graph loopOnTarget = graph("ab", "aa", "ab");
        Changeset c = run(loopOnTarget, "a");
        assertEquals(Set.of("a", "b"), new HashSet<>(c.remove()));
        assertEquals(Set.of("aa", "ab"), new HashSet<>(c.removeEdges()));
    }

    @Test
    void handlesCyclesThroughTheTarget() {
        // s → t → u → t (a loop back into the target): s stays, the loop goes
        Graph g = graph("stu", "st", "tu", "ut");
        assertEquals(Set.of("t", "u"), removed(g, "t"));
        // deleting u: t is still reached from s without passing through u
        assertEquals(Set.of("u"), removed(g, "u"));
        // a cycle nothing outside feeds: every node of it is reachable only through the target
        assertEquals(Set.of("a", "b", "c"), removed(graph("abc", "ab", "bc", "ca"), "a"));
        // the same cycle fed from x: only what x cannot reach without the target goes
        assertEquals(Set.of("a"), removed(graph("abcx", "ab", "bc", "ca", "xb"), "a"));
    }

    @Test
    void listsEveryEdgeAttachedToARemovedNodeAndNoOther() {
        // y reaches c, d and x without a; b is reached only through a
        Graph g = graph("abcdxy", "ab", "ac", "bd", "cd", "yc", "bx", "dx");
        Changeset c = run(g, "a");
        assertEquals(List.of("a", "b"), c.remove());
        Set<String> removed = new HashSet<>(c.remove());
        Set<String> expectedEdges = new HashSet<>();
        for (Edge e : g.edges()) {
            if (removed.contains(e.source()) || removed.contains(e.target())) {
                expectedEdges.add(e.id());
            }
        }
        assertEquals(Set.of("ab", "ac", "bd", "bx"), expectedEdges);
        assertEquals(expectedEdges, new HashSet<>(c.removeEdges()));
        assertEquals(c.removeEdges().size(), new HashSet<>(c.removeEdges()).size(), "no duplicates");
    }

    @Test
    void aLongChainNeedsNoDeepRecursion() {
        int n = 20_000;
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node("n" + i, 0, i));
            if (i > 0) {
                edges.add(Edge.create("e" + i, "n" + (i - 1), "n" + i));
            }
        }
        Graph g = Graph.of(nodes, edges);
        Changeset c = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> action.apply(TestContext.of(g, "n100", Map.of())));
        assertEquals(n - 100, c.remove().size());
        assertEquals(n - 100, c.removeEdges().size(), "n100's incoming edge and every edge below it");
    }
}
