package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.FieldSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.flowcraft.plugins.graphactions.Graphs.edge;
import static io.flowcraft.plugins.graphactions.Graphs.node;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateChildrenTest {
    private final GenerateChildren action = new GenerateChildren();

    /** "node-1", "node-2" and "edge-1" exist already, so ids made up from a counter would collide. */
    private static Graph graph() {
        Node root = Node.create("root", "person_job", new Position(100, 50), Map.of("label", "Ask"));
        return Graph.of(List.of(root, node("node-1", 0, 400), node("node-2", 300, 400)),
                List.of(new Edge("edge-1", "root", "node-1", Optional.empty(), Optional.empty(), Map.of(), Map.of()),
                        edge("node-1", "node-2")));
    }

    private Changeset run(Graph g, String target, Map<String, ?> params) {
        return action.apply(TestContext.of(g, target, params));
    }

    @Test
    void describesItself() {
        ActionDescriptor d = action.descriptor();
        assertEquals("generate-children", d.id());
        assertEquals(List.of(), d.nodeTypes(), "applies to every node type");
        assertEquals(List.of("count", "type"), d.parameters().stream().map(FieldSpec::name).toList());
        assertEquals(Optional.of(3L), d.parameters().getFirst().defaultValue());
        assertTrue(d.parameters().stream().noneMatch(FieldSpec::required));
    }

    @Test
    void defaultsToThreeChildrenOfTheTargetsTypeInARowBelowIt() {
        Changeset c = run(graph(), "root", Map.of());
        assertEquals(3, c.add().size());
        assertEquals(List.of(new Position(-120, 200), new Position(100, 200), new Position(320, 200)),
                c.add().stream().map(Node::position).toList(), "220 apart, centred under the target, 150 below");
        assertEquals(List.of("Ask child 1", "Ask child 2", "Ask child 3"),
                c.add().stream().map(n -> n.data().get("label")).toList());
        c.add().forEach(n -> assertEquals("person_job", n.type()));
        assertEquals(List.of(), c.update());
        assertEquals(List.of(), c.remove());
        assertEquals(List.of(), c.removeEdges());
    }

    @Test
    void connectsEveryChildFromTheTarget() {
        Changeset c = run(graph(), "root", Map.of("count", 4));
        assertEquals(4, c.addEdges().size());
        for (int k = 0; k < 4; k++) {
            Edge e = c.addEdges().get(k);
            assertEquals("root", e.source());
            assertEquals(c.add().get(k).id(), e.target());
            assertEquals(Optional.empty(), e.sourceHandle());
            assertEquals(Optional.empty(), e.targetHandle());
        }
        Graph after = Graphs.apply(graph(), c);
        assertEquals(7, after.nodes().size());
        assertEquals(6, after.edges().size());
    }

    @Test
    void idsAreFreshAndUniqueEvenWhenTheGraphHoldsCounterLikeIds() {
        Graph g = graph();
        TestContext context = TestContext.of(g, "root", Map.of("count", 50));
        Changeset c = action.apply(context);
        assertEquals(50, c.add().size());
        Graphs.assertFreshIds(g, context, c);
        assertEquals(100, context.handedOut().size(), "one id per node and per edge, nothing wasted or invented");
        assertDoesNotThrow(() -> Graphs.apply(g, c));
    }

    @Test
    void honoursCountAndType() {
        Changeset one = run(graph(), "root", Map.of("count", 1, "type", "condition"));
        assertEquals(1, one.add().size());
        assertEquals(new Position(100, 200), one.add().getFirst().position(), "a single child sits right below");
        assertEquals("condition", one.add().getFirst().type());
        assertEquals(5, run(graph(), "root", Map.of("count", 5L)).add().size());
        assertEquals(2, run(graph(), "root", Map.of("count", 2.0)).add().size(), "an integral JSON number");
        assertEquals(4, run(graph(), "root", Map.of("count", new BigDecimal("4"))).add().size());
        Map<String, Object> nullType = new HashMap<>();
        nullType.put("type", null);
        assertEquals("person_job", run(graph(), "root", nullType).add().getFirst().type(), "null means default");
    }

    @Test
    void labelsFallBackToTheTargetsId() {
        Graph g = Graph.of(List.of(Node.create("n7", "job", Position.ORIGIN, Map.of("label", " ")),
                Node.create("n8", "job", Position.ORIGIN, Map.of())), List.of());
        assertEquals("n7 child 1", run(g, "n7", Map.of("count", 1)).add().getFirst().data().get("label"));
        assertEquals("n8 child 2", run(g, "n8", Map.of("count", 2)).add().get(1).data().get("label"));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        for (Object bad : List.of(0, 51, -3, 2.5, "3", true, List.of(3), new BigDecimal("1e400"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(graph(), "root", Map.of("count", bad)), "count " + bad);
            assertTrue(e.getMessage().contains("'count'") && e.getMessage().contains("1 to 50"), e.getMessage());
        }
        for (Object bad : List.of("", "  ", 7, false, Map.of())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(graph(), "root", Map.of("type", bad)), "type " + bad);
            assertTrue(e.getMessage().contains("'type'"), e.getMessage());
        }
    }

    @Test
    void keepsNoStateBetweenCalls() {
        Graph g = graph();
        Changeset first = run(g, "root", Map.of("count", 2));
        run(g, "node-2", Map.of("count", 7, "type", "db"));
        assertEquals(first, run(g, "root", Map.of("count", 2)), "the same input gives the same changeset");
    }
}
