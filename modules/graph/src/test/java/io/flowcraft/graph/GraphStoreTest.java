package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.protocol.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.flowcraft.graph.StoreFixtures.by;
import static io.flowcraft.graph.StoreFixtures.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphStoreTest {
    @TempDir
    Path dir;

    private GraphStore store;
    private final List<Commit> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = StoreFixtures.open(dir);
        store.addListener(published::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void newGraphIsEmptyAtVersionZero() {
        GraphState s = store.current("fresh");
        assertEquals("fresh", s.graphId());
        assertEquals(0, s.version());
        assertEquals(Graph.empty(), s.graph());
        assertEquals(GraphState.EMPTY_JSON, s.graphJson());
        assertFalse(store.exists("fresh"), "reading a graph does not create it");
    }

    @Test
    void syncOnTheCurrentVersionIsAcceptedAndPublishedOnce() {
        Graph g = chain(3, "v1");
        CommitResult r = store.sync("g", 0, g, new CommitOrigin("alice", Optional.of("req-7")));

        Commit commit = assertInstanceOf(CommitResult.Accepted.class, r).commit();
        assertEquals(1, commit.version());
        assertEquals("g", commit.graphId());
        assertEquals("sync", commit.kind());
        assertEquals(g, commit.state().graph());
        assertEquals(g, StoreFixtures.CODEC.decode(commit.state().graphJson()));
        assertEquals(Optional.of("req-7"), commit.origin().requestId(), "the requester can match its ack");
        assertEquals(List.of(commit), published);
        assertEquals(commit.state(), store.current("g"));
        assertTrue(store.exists("g"));
        assertTrue(Files.exists(dir.resolve("flowcraft.db")));

        Commit second = assertInstanceOf(CommitResult.Accepted.class, store.sync("g", 1, chain(1, "v2"), by("bob")))
                .commit();
        assertEquals(2, second.version());
        assertEquals(List.of(1L, 2L), published.stream().map(Commit::version).toList());
    }

    @Test
    void staleVersionIsRefusedWithTheAuthoritativeState() {
        store.sync("g", 0, chain(2, "first"), by("alice"));
        GraphState before = store.current("g");

        for (long stale : List.of(0L, 2L, 99L, -1L)) {
            CommitResult r = store.sync("g", stale, chain(4, "late"), by("bob"));
            assertEquals(before, assertInstanceOf(CommitResult.VersionMismatch.class, r).current());
        }
        assertEquals(before, store.current("g"));
        assertEquals(1, published.size());
        assertEquals(1, store.versions("g", Long.MAX_VALUE, 100).size());
    }

    @Test
    void invalidGraphIsRefusedWithEveryProblem() {
        store.sync("g", 0, chain(2, "ok"), by("alice"));
        GraphState before = store.current("g");
        Graph bad = chain(2, "bad");
        List<Edge> edges = new ArrayList<>(bad.edges());
        edges.add(Edge.create("e1", "n0", "n1"));
        edges.add(Edge.create("x", "n0", "nowhere"));
        bad = new Graph(List.of(bad.nodes().get(0), bad.nodes().get(1), bad.nodes().get(0)), edges, bad.fields());

        CommitResult r = store.sync("g", 1, bad, by("bob"));

        List<Problem> problems = assertInstanceOf(CommitResult.Invalid.class, r).problems();
        assertEquals(List.of("duplicate_node_id:n0", "duplicate_edge_id:e1", "dangling_edge:x"),
                problems.stream().map(p -> p.code() + ":" + p.id()).toList());
        assertEquals(before, store.current("g"));
        assertEquals(1, published.size());
    }

    @Test
    void graphOverTheLimitsIsRefused() {
        GraphLimits limits = StoreFixtures.LIMITS;
        assertEquals(limits, store.limits());

        CommitResult tooManyNodes = store.sync("g", 0, chain(limits.maxNodes() + 1, "big"), by("alice"));
        CommitResult.TooLarge r = assertInstanceOf(CommitResult.TooLarge.class, tooManyNodes);
        assertEquals(limits, r.limits());
        assertTrue(r.message().contains(String.valueOf(limits.maxNodes() + 1)), r.message());

        assertInstanceOf(CommitResult.Accepted.class, store.sync("g", 0, chain(limits.maxNodes(), "max"), by("a")));
        assertEquals(1, store.current("g").version());
        assertEquals(1, published.size());
    }

    @Test
    void tooManyEdgesIsRefused() {
        Graph g = chain(2, "parallel");
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i <= StoreFixtures.LIMITS.maxEdges(); i++) {
            edges.add(Edge.create("p" + i, "n0", "n1"));
        }
        CommitResult r = store.sync("g", 0, new Graph(g.nodes(), edges, g.fields()), by("alice"));
        assertInstanceOf(CommitResult.TooLarge.class, r);
        assertEquals(0, store.current("g").version());
        assertFalse(store.exists("g"));
    }

    @Test
    void failingListenerDoesNotUndoTheCommitOrStarveOthers() {
        List<Long> after = new CopyOnWriteArrayList<>();
        store.addListener(c -> {
            throw new IllegalStateException("listener bug");
        });
        store.addListener(c -> after.add(c.version()));

        assertInstanceOf(CommitResult.Accepted.class, store.sync("g", 0, chain(1, "x"), by("alice")));
        assertEquals(List.of(1L), after);
        assertEquals(1, store.current("g").version());
    }

    @Test
    void graphsAreIndependent() {
        store.sync("a", 0, chain(2, "a"), by("alice"));
        assertEquals(0, store.current("b").version());
        assertInstanceOf(CommitResult.Accepted.class, store.sync("b", 0, chain(3, "b"), by("bob")));
        assertEquals(chain(2, "a"), store.current("a").graph());
        assertEquals(chain(3, "b"), store.current("b").graph());
    }

    @Test
    void committedStateSurvivesCloseAndReopen() {
        Graph g = StoreFixtures.CODEC.decode(GraphCodecTest.REACT_FLOW_DIAGRAM);
        store.sync("g", 0, chain(2, "old"), by("alice"));
        store.sync("g", 1, g, by("alice"));
        GraphState before = store.current("g");
        store.close();

        store = StoreFixtures.open(dir);

        GraphState after = store.current("g");
        assertEquals(2, after.version());
        assertEquals(g, after.graph());
        assertEquals(before.graphJson(), after.graphJson());
        assertTrue(store.exists("g"));
        assertInstanceOf(CommitResult.VersionMismatch.class, store.sync("g", 0, chain(1, "x"), by("bob")));
        assertEquals(3, assertInstanceOf(CommitResult.Accepted.class, store.sync("g", 2, chain(1, "x"), by("bob")))
                .commit().version());
    }

    @Test
    void withCurrentCreatesTheGraphAndListsIt() {
        assertFalse(store.exists("room"));

        long seen = store.withCurrent("room", GraphState::version);

        assertEquals(0, seen);
        assertTrue(store.exists("room"));
        assertEquals(List.of("room"), store.graphs().stream().map(GraphSummary::id).toList());
        GraphSummary empty = store.graphs().get(0);
        assertEquals(0, empty.version());
        assertEquals(0, empty.nodes());

        store.sync("room", 0, chain(4, "x"), by("alice"));
        store.withCurrent("other", s -> s);
        List<GraphSummary> graphs = store.graphs();
        assertEquals(List.of("other", "room"), graphs.stream().map(GraphSummary::id).toList());
        GraphSummary room = graphs.get(1);
        assertEquals(1, room.version());
        assertEquals(4, room.nodes());
        assertEquals(3, room.edges());
        assertFalse(room.updatedAt().isBefore(room.createdAt()));

        store.close();
        store = StoreFixtures.open(dir);
        assertTrue(store.exists("other"), "an empty graph created by withCurrent is durable");
        assertEquals(0L, store.withCurrent("other", GraphState::version));
        assertEquals(2, store.graphs().size());
    }

    @Test
    void invalidGraphIdsAreRefused() {
        String tooLong = "a".repeat(65);
        for (String id : List.of("", "has space", "slash/", "dot.", "ünï", tooLong, "new\nline")) {
            assertThrows(IllegalArgumentException.class, () -> store.current(id), id);
            assertThrows(IllegalArgumentException.class, () -> store.sync(id, 0, Graph.empty(), by("a")), id);
            assertThrows(IllegalArgumentException.class, () -> store.withCurrent(id, s -> s), id);
            assertThrows(IllegalArgumentException.class, () -> store.rollback(id, 0, by("a")), id);
            assertThrows(IllegalArgumentException.class, () -> store.version(id, 0), id);
            assertThrows(IllegalArgumentException.class, () -> store.versions(id, Long.MAX_VALUE, 10), id);
            assertFalse(store.exists(id), id);
        }
        assertThrows(IllegalArgumentException.class, () -> store.current(null));
        assertEquals(0, store.current("a".repeat(64)).version());
        assertEquals(0, store.current("A-z_09").version());
        assertEquals(List.of(), store.graphs());
    }
}
