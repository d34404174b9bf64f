package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.FieldSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.flowcraft.plugins.graphactions.Graphs.edge;
import static io.flowcraft.plugins.graphactions.Graphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsertBetweenTest {
    private final InsertBetween action = new InsertBetween();

    /**
     * cond (at 0,0) → writer (at 200,100) on edge "edge-1" with handles, label, data and drawing
     * extras; a parallel plain edge; an unrelated node z; "node-1" exists.
     */
    private static Graph graph() {
        Edge rich = new Edge("edge-1", "cond", "writer", Optional.of("condtrue"), Optional.of("first"),
                Map.of("contentType", "conversation_state"), Map.of("label", "topic", "animated", true));
        return Graph.of(List.of(node("cond", 0, 0), node("writer", 200, 100), node("z", 500, 500),
                        node("node-1", 9, 9)),
                List.of(rich, edge("cond", "writer"), edge("z", "node-1")));
    }

    private Changeset run(Graph g, String target, Map<String, ?> params) {
        return action.apply(TestContext.of(g, target, params));
    }

    @Test
    void describesItself() {
        ActionDescriptor d = action.descriptor();
        assertEquals("insert-between", d.id());
        assertEquals(List.of(), d.nodeTypes());
        FieldSpec edgeId = d.parameters().get(0);
        assertEquals("edgeId", edgeId.name());
        assertTrue(edgeId.required());
        assertEquals(Optional.of("job"), d.parameters().get(1).defaultValue());
    }

    @Test
    void replacesTheEdgeByTwoThroughANewNodeMidway() {
        Graph g = graph();
        TestContext context = TestContext.of(g, "writer", Map.of("edgeId", "edge-1"));
        Changeset c = action.apply(context);
        assertEquals(1, c.add().size());
        Node inserted = c.add().getFirst();
        assertEquals(new Position(100, 50), inserted.position());
        assertEquals("job", inserted.type());
        assertEquals(Map.of("label", "inserted"), inserted.data());
        assertEquals(List.of("edge-1"), c.removeEdges(), "only the named edge, not its parallel twin");
        assertEquals(List.of(), c.remove());
        assertEquals(2, c.addEdges().size());
        Edge first = c.addEdges().get(0);
        Edge second = c.addEdges().get(1);
        assertEquals(List.of("cond", inserted.id()), List.of(first.source(), first.target()));
        assertEquals(List.of(inserted.id(), "writer"), List.of(second.source(), second.target()));
        Graphs.assertFreshIds(g, context, c);
        Graph after = Graphs.apply(g, c);
        assertTrue(after.edge("condwriter").isPresent());
        assertTrue(after.edge("edge-1").isEmpty());
    }

    @Test
    void keepsSourceHandleOnTheFirstHalfAndTargetHandleLabelAndDataOnTheSecond() {
        Changeset c = run(graph(), "cond", Map.of("edgeId", "edge-1"));
        Edge first = c.addEdges().get(0);
        Edge second = c.addEdges().get(1);
        assertEquals(Optional.of("condtrue"), first.sourceHandle());
        assertEquals(Optional.empty(), first.targetHandle());
        assertEquals(Optional.empty(), first.label());
        assertEquals(Map.of(), first.data());
        assertEquals(Optional.empty(), second.sourceHandle());
        assertEquals(Optional.of("first"), second.targetHandle());
        assertEquals(Optional.of("topic"), second.label());
        assertEquals(Map.of("contentType", "conversation_state"), second.data());
        assertEquals(true, first.extra().get("animated"), "drawing options go on both halves");
        assertEquals(true, second.extra().get("animated"));
    }

    @Test
    void worksFromEitherEndAndHonoursType() {
        Graph g = graph();
        Changeset fromSource = run(g, "cond", Map.of("edgeId", "condwriter", "type", "condition"));
        Changeset fromTarget = run(g, "writer", Map.of("edgeId", "condwriter", "type", "condition"));
        assertEquals(fromSource, fromTarget, "the same split whichever end is the target");
        assertEquals("condition", fromSource.add().getFirst().type());
        Map<String, Object> nullType = new HashMap<>();
        nullType.put("edgeId", "condwriter");
        nullType.put("type", null);
        assertEquals("job", run(g, "cond", nullType).add().getFirst().type());
    }

    @Test
    void idsAreFreshAndUnique() {
        Graph g = Graph.of(List.of(node("a", 0, 0), node("b", 10, 10), node("node-1", 0, 0), node("node-2", 0, 0),
                        node("edge-2", 0, 0)),
                List.of(Edge.create("edge-1", "a", "b"), Edge.create("edge-3", "node-1", "node-2")));
        TestContext context = TestContext.of(g, "a", Map.of("edgeId", "edge-1"));
        Changeset c = action.apply(context);
        Graphs.assertFreshIds(g, context, c);
        assertEquals(3, context.handedOut().size());
        Graphs.apply(g, c);
    }

    @Test
    void aSelfLoopSplitsIntoATwoNodeLoop() {
        Graph g = Graph.of(List.of(node("a", 10, 20)), List.of(Edge.create("aa", "a", "a")));
        Changeset c = run(g, "a", Map.of("edgeId", "aa"));
        String id = c.add().getFirst().id();
        assertEquals(new Position(10, 20), c.add().getFirst().position());
        assertEquals(List.of("a", id, id, "a"), List.of(c.addEdges().get(0).source(), c.addEdges().get(0).target(),
                c.addEdges().get(1).source(), c.addEdges().get(1).target()));
        Graphs.apply(g, c);
    }

    @Test
    void rejectsAMissingOrMalformedEdgeId() {
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("edgeId", null);
        for (Map<String, ?> params : List.<Map<String, ?>>of(Map.of(), nullId, Map.of("edgeId", ""), Map.of("edgeId", 5),
                Map.of("edgeId", List.of("edge-1")))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run(graph(), "cond", params), params.toString());
            assertTrue(e.getMessage().contains("'edgeId'"), e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> run(graph(), "cond", Map.of()));
        assertTrue(missing.getMessage().contains("required"), missing.getMessage());
    }

    @Test
    void rejectsAnUnknownEdgeOrOneThatDoesNotTouchTheNode() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> run(graph(), "cond", Map.of("edgeId", "nope")));
        assertTrue(unknown.getMessage().contains("'nope'") && unknown.getMessage().contains("not in the graph"),
                unknown.getMessage());
        IllegalArgumentException away = assertThrows(IllegalArgumentException.class,
                () -> run(graph(), "cond", Map.of("edgeId", "znode-1")));
        assertTrue(away.getMessage().contains("does not touch node 'cond'"), away.getMessage());
        IllegalArgumentException badType = assertThrows(IllegalArgumentException.class,
                () -> run(graph(), "cond", Map.of("edgeId", "edge-1", "type", 3)));
        assertTrue(badType.getMessage().contains("'type'"), badType.getMessage());
    }
}
