package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each graph action on small graphs. */
class GraphActionsTest {
    private static Node node(String id, double x, double y) {
        return Node.create(id, "job", new Position(x, y), Map.of("label", id.toUpperCase()));
    }

    /** a → b, a → c, b → d, c → d, plus x → c from outside; "node-1" and "edge-1" exist already. */
    private static Graph diamond() {
        return Graph.of(List.of(node("a", 0, 0), node("b", -100, 150), node("c", 100, 150), node("d", 0, 300),
                        node("x", 300, 0), node("node-1", 500, 500)),
                List.of(Edge.create("edge-1", "a", "b"), Edge.create("ac", "a", "c"), Edge.create("bd", "b", "d"),
                        Edge.create("cd", "c", "d"), Edge.create("xc", "x", "c")));
    }

    private static Set<String> ids(Graph g) {
        Set<String> ids = new HashSet<>();
        g.nodes().forEach(n -> ids.add(n.id()));
        g.edges().forEach(e -> ids.add(e.id()));
        return ids;
    }

    @Test
    void generateChildrenAddsConnectedChildrenBelowWithFreshIds() {
        Graph g = diamond();
        Changeset c = new GenerateChildren().apply(TestContext.of(g, "a", Map.of("count", 4L, "type", "person_job")));
        assertEquals(4, c.add().size());
        assertEquals(4, c.addEdges().size());
        Set<String> seen = ids(g);
        for (Node n : c.add()) {
            assertTrue(seen.add(n.id()), "fresh id " + n.id());
            assertEquals("person_job", n.type());
            assertEquals(150.0, n.position().y());
            assertTrue(((String) n.data().get("label")).startsWith("A child"));
        }
        for (Edge e : c.addEdges()) {
            assertTrue(seen.add(e.id()), "fresh edge id " + e.id());
            assertEquals("a", e.source());
        }
        assertEquals(List.of(-330.0, -110.0, 110.0, 330.0), c.add().stream().map(n -> n.position().x()).toList(),
                "spread in a row centred under the parent");
        assertEquals(3, new GenerateChildren().apply(TestContext.of(g, "a", Map.of())).add().size(), "default count");
        assertThrows(IllegalArgumentException.class,
                () -> new GenerateChildren().apply(TestContext.of(g, "a", Map.of("count", 0L))));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerateChildren().apply(TestContext.of(g, "a", Map.of("count", "many"))));
    }

    @Test
    void duplicateCopiesDataAndOptionallyEdges() {
        Graph g = diamond();
        Changeset plain = new Duplicate().apply(TestContext.of(g, "c", Map.of()));
        Node copy = plain.add().getFirst();
        assertTrue(!ids(g).contains(copy.id()));
        assertEquals(g.node("c").orElseThrow().data(), copy.data());
        assertEquals(new Position(140, 190), copy.position());
        assertEquals(List.of(), plain.addEdges());
        Changeset withEdges = new Duplicate().apply(TestContext.of(g, "c", Map.of("withEdges", true)));
        String id = withEdges.add().getFirst().id();
        assertEquals(Set.of("a->" + id, id + "->d", "x->" + id), new HashSet<>(withEdges.addEdges().stream()
                .map(e -> e.source() + "->" + e.target()).toList()));
    }

    @Test
    void deleteSubtreeKeepsWhatIsReachableFromOutside() {
        Graph g = diamond();
        Changeset c = new DeleteSubtree().apply(TestContext.of(g, "a", Map.of()));
        // b is only reachable through a; c and d are also reachable from x
        assertEquals(Set.of("a", "b"), new HashSet<>(c.remove()));
        assertEquals(Set.of("edge-1", "ac", "bd"), new HashSet<>(c.removeEdges()));
        Changeset leaf = new DeleteSubtree().apply(TestContext.of(g, "x", Map.of()));
        assertEquals(List.of("x"), leaf.remove(), "c is still reachable from a");
    }

    @Test
    void deleteSubtreeHandlesCycles() {
        Graph g = Graph.of(List.of(node("a", 0, 0), node("b", 0, 1), node("c", 0, 2)),
                List.of(Edge.create("ab", "a", "b"), Edge.create("bc", "b", "c"), Edge.create("cb", "c", "b")));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(new DeleteSubtree().apply(TestContext.of(g, "a", Map.of())).remove()));
    }

    @Test
    void insertBetweenSplitsTheEdgeKeepingHandlesAndLabel() {
        Edge labelled = new Edge("cond", "a", "b", Optional.of("condtrue"), Optional.of("first"),
                Map.of("contentType", "raw_text"), Map.of("label", "topic"));
        Graph g = Graph.of(List.of(node("a", 0, 0), node("b", 200, 100)), List.of(labelled));
        Changeset c = new InsertBetween().apply(TestContext.of(g, "b", Map.of("edgeId", "cond")));
        Node inserted = c.add().getFirst();
        assertEquals(new Position(100, 50), inserted.position());
        assertEquals(List.of("cond"), c.removeEdges());
        Edge first = c.addEdges().get(0);
        Edge second = c.addEdges().get(1);
        assertEquals(List.of("a", inserted.id(), Optional.of("condtrue")), List.of(first.source(), first.target(), first.sourceHandle()));
        assertEquals(List.of(inserted.id(), "b", Optional.of("first"), Optional.of("topic")),
                List.of(second.source(), second.target(), second.targetHandle(), second.label()));
        assertThrows(IllegalArgumentException.class, () -> new InsertBetween().apply(TestContext.of(g, "a", Map.of())));
        Graph other = Graph.of(List.of(node("a", 0, 0), node("b", 1, 1), node("z", 2, 2)), List.of(Edge.create("ab", "a", "b")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InsertBetween().apply(TestContext.of(other, "z", Map.of("edgeId", "ab"))));
        assertTrue(e.getMessage().contains("does not touch"));
    }

    @Test
    void theAnnotationProcessorIndexedEveryAction() throws IOException {
        String idx = Files.readString(Path.of("target/classes/META-INF/extensions.idx"));
        for (Class<?> c : List.of(GenerateChildren.class, Duplicate.class, DeleteSubtree.class, InsertBetween.class)) {
            assertTrue(idx.contains(c.getName()), c.getName() + " in " + idx);
        }
    }
}
