package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.spi.ActionDescriptor;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.flowcraft.plugins.graphactions.Graphs.edge;
import static io.flowcraft.plugins.graphactions.Graphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateTest {
    private final Duplicate action = new Duplicate();

    /** in → c (labelled, with handles and data), x → c, c → out; plus "node-1" and "edge-1". */
    private static Graph graph() {
        Node c = new Node("c", "person_job", new Position(10, 20),
                Map.of("label", "Writer", "default_prompt", "write {{topic}}", "max_iteration", 2L,
                        "nested", Map.of("k", List.of(1L, 2L))),
                Map.of("width", 180L, "parentId", "group"));
        Edge labelled = new Edge("edge-1", "in", "c", Optional.empty(), Optional.of("first"),
                Map.of("contentType", "raw_text"), Map.of("label", "topic"));
        Edge cond = new Edge("cond", "c", "out", Optional.of("condtrue"), Optional.empty(), Map.of(), Map.of());
        return Graph.of(List.of(node("in", 0, 0), c, node("out", 0, 200), node("x", 200, 0), node("node-1", 0, 0),
                        node("group", 0, 0)),
                List.of(labelled, edge("x", "c"), cond, edge("in", "x")));
    }

    @Test
    void describesItself() {
        ActionDescriptor d = action.descriptor();
        assertEquals("duplicate", d.id());
        assertEquals(List.of(), d.nodeTypes());
        assertEquals("withEdges", d.parameters().getFirst().name());
        assertEquals(Optional.of(false), d.parameters().getFirst().defaultValue());
    }

    @Test
    void copiesTypeDataAndExtraFieldsUnderANewIdOffsetBy40() {
        Graph g = graph();
        Node original = g.node("c").orElseThrow();
        TestContext context = TestContext.of(g, "c", Map.of());
        Changeset c = action.apply(context);
        assertEquals(1, c.add().size());
        Node copy = c.add().getFirst();
        assertNotEquals("c", copy.id());
        assertEquals(original.type(), copy.type());
        assertEquals(original.data(), copy.data());
        assertEquals(original.extra(), copy.extra());
        assertEquals(new Position(50, 60), copy.position());
        assertEquals(List.of(), c.addEdges(), "no edges unless withEdges");
        assertEquals(List.of(), c.update());
        assertEquals(List.of(), c.remove());
        assertEquals(List.of(), c.removeEdges());
        Graphs.assertFreshIds(g, context, c);
        Graph after = Graphs.apply(g, c);
        assertEquals(g.edges(), after.edges(), "the original's edges are untouched");
        assertEquals(List.of(), action.apply(TestContext.of(g, "c", Map.of("withEdges", false))).addEdges());
    }

    @Test
    void withEdgesCopiesIncomingAndOutgoingEdgesToTheCopy() {
        Graph g = graph();
        TestContext context = TestContext.of(g, "c", Map.of("withEdges", true));
        Changeset c = action.apply(context);
        String copy = c.add().getFirst().id();
        assertEquals(Set.of("in->" + copy, "x->" + copy, copy + "->out"),
                new HashSet<>(c.addEdges().stream().map(e -> e.source() + "->" + e.target()).toList()));
        Edge labelled = c.addEdges().stream().filter(e -> e.source().equals("in")).findFirst().orElseThrow();
        assertEquals(Optional.of("first"), labelled.targetHandle());
        assertEquals(Optional.of("topic"), labelled.label());
        assertEquals(Map.of("contentType", "raw_text"), labelled.data());
        Edge cond = c.addEdges().stream().filter(e -> e.source().equals(copy)).findFirst().orElseThrow();
        assertEquals(Optional.of("condtrue"), cond.sourceHandle());
        Graphs.assertFreshIds(g, context, c);
        Graph after = Graphs.apply(g, c);
        assertEquals(g.edges().size() + 3, after.edges().size());
        assertTrue(after.edges().containsAll(g.edges()), "the original keeps its edges");
    }

    @Test
    void aSelfLoopBecomesASelfLoopOfTheCopy() {
        Graph g = Graph.of(List.of(node("loop", 0, 0)), List.of(edge("loop", "loop")));
        Changeset c = action.apply(TestContext.of(g, "loop", Map.of("withEdges", true)));
        String copy = c.add().getFirst().id();
        assertEquals(1, c.addEdges().size());
        assertEquals(List.of(copy, copy), List.of(c.addEdges().getFirst().source(), c.addEdges().getFirst().target()));
        Graphs.apply(g, c);
    }

    @Test
    void idsAreFreshAndUnique() {
        Graph g = Graph.of(List.of(node("node-1", 0, 0), node("node-2", 0, 0), node("edge-1", 0, 0)),
                List.of(edge("node-1", "node-2"), edge("node-2", "node-1"), new Edge("edge-2", "node-2", "node-2",
                        Optional.empty(), Optional.empty(), Map.of(), Map.of())));
        TestContext context = TestContext.of(g, "node-2", Map.of("withEdges", true));
        Changeset c = action.apply(context);
        assertEquals(3, c.addEdges().size());
        Graphs.assertFreshIds(g, context, c);
        Graphs.apply(g, c);
    }

    @Test
    void rejectsABadWithEdges() {
        for (Object bad : List.of("yes", 1, "true")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> action.apply(TestContext.of(graph(), "c", Map.of("withEdges", bad))));
            assertTrue(e.getMessage().contains("'withEdges'"), e.getMessage());
        }
    }

    @Test
    void keepsNoStateBetweenCalls() {
        Graph g = graph();
        Changeset first = action.apply(TestContext.of(g, "c", Map.of("withEdges", true)));
        action.apply(TestContext.of(g, "x", Map.of()));
        assertEquals(first, action.apply(TestContext.of(g, "c", Map.of("withEdges", true))));
    }
}
