package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.protocol.Problem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.flowcraft.graph.StoreFixtures.by;
import static io.flowcraft.graph.StoreFixtures.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Delta sync ({@code patch_graph} / {@code graph_patch}, see PROTOCOL.md "Delta sync") as several
 * clients see it, on a real SQLite store.
 *
 * <p>Each client holds a local copy (version and graph). In a generated interleaving a client
 * either patches its own local copy with ops valid on it, or receives: catches up with the ops
 * accepted since its version, as the {@code graph_patch} broadcasts deliver them. After an accepted
 * patch the client catches up from its old version (which brings its own ops back as they took
 * effect). A rejected client rebases on the ops the rejection carries and retries what still makes
 * sense, at once or on its next turn (when others may have written in between), at most
 * {@value #MAX_ATTEMPTS} times. Now and then the server restarts (the store is closed and reopened
 * on the same database). Checked along the way: an accepted patch is the next version, and when
 * the server rebased it, applying it before the changes it was rebased over gives the same graph (it
 * commutes with them); a rejection changes nothing, names what the patch touches, and carries
 * exactly the ops since the base, which bring the client to the current graph; an immediate retry
 * is accepted; ops valid on the client's base are never {@code Invalid} (a change that broke them
 * must come back as a conflict). At the end, after everyone caught up, and again after a restart:
 * every client holds the server's graph, versions are 1..N without gaps, every commit is its sender's
 * ops as they took effect, the history replays to the current graph, the last accepted write to
 * each position, data key and diagram field is what the graph holds, and every version rebuilt
 * from the history is what its commit reported.
 */
class DeltaSyncPropertyTest {
    private static final String GRAPH = "g";
    private static final int MAX_ATTEMPTS = 3;
    private static final List<String> DATA_KEYS = List.of("label", "prompt", "model");
    private static final List<String> FIELD_KEYS = List.of("persons", "title", "theme");

    // ------------------------------------------------------------------------------------------
    // The generated scenario: what each client means to do, resolved against its local copy
    // only when it acts (node and edge picks are indexes into the local copy's ids).
    // ------------------------------------------------------------------------------------------

    sealed interface Intent {
        record Move(int node, double x, double y) implements Intent {
        }

        record SetData(int node, String key, Object value) implements Intent {
        }

        record RemoveData(int node, String key) implements Intent {
        }

        record AddNode(double x, double y, String label) implements Intent {
        }

        record RemoveNode(int node) implements Intent {
        }

        record AddEdge(int source, int target) implements Intent {
        }

        record RemoveEdge(int edge) implements Intent {
        }

        /** {@code value == null} removes the diagram field. */
        record SetField(String key, Object value) implements Intent {
        }
    }

    /**
     * One turn of one client.
     *
     * @param client      which client (modulo the number of clients)
     * @param restart     the server restarts (closes and reopens the store) before the client's turn
     * @param receive     catch up instead of writing
     * @param retryAtOnce when rejected, rebase and retry in this turn rather than the client's next one
     * @param intents     what it writes (ignored when it has a rejected change to retry)
     */
    record Step(int client, boolean restart, boolean receive, boolean retryAtOnce, List<Intent> intents) {
    }

    record Scenario(int clients, List<Step> steps) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 29).map(i -> i == 0),
                Arbitraries.integers().between(0, 3).map(i -> i == 0),
                Arbitraries.of(true, false),
                intent().list().ofMinSize(1).ofMaxSize(4)).as(Step::new);
        return Combinators.combine(Arbitraries.integers().between(3, 5), step.list().ofMinSize(1).ofMaxSize(100)
                        .withSizeDistribution(RandomDistribution.uniform()))
                .as(Scenario::new);
    }

    private static Arbitrary<Intent> intent() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 999);
        Arbitrary<Double> coord = Arbitraries.integers().between(-40, 40).map(i -> i * 12.5);
        Arbitrary<String> key = Arbitraries.of(DATA_KEYS);
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(5),
                Arbitraries.longs().between(-3, 3),
                Arbitraries.of(0.25, -1.5, 2.0),
                Arbitraries.of(true, false));
        Arbitrary<Object> fieldValue = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).map(i -> Map.of("p" + i, Map.of("service", "openai"))),
                Arbitraries.strings().alpha().ofMaxLength(5),
                Arbitraries.longs().between(0, 9)).injectNull(0.25);
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(pick, coord, coord).as(Intent.Move::new).map(Intent.class::cast)),
                Tuple.of(4, Combinators.combine(pick, key, value).as(Intent.SetData::new).map(Intent.class::cast)),
                Tuple.of(2, Combinators.combine(pick, key).as(Intent.RemoveData::new).map(Intent.class::cast)),
                Tuple.of(3, Combinators.combine(coord, coord, Arbitraries.strings().alpha().ofMaxLength(4))
                        .as(Intent.AddNode::new).map(Intent.class::cast)),
                Tuple.of(1, pick.map(Intent.RemoveNode::new).map(Intent.class::cast)),
                Tuple.of(3, Combinators.combine(pick, pick).as(Intent.AddEdge::new).map(Intent.class::cast)),
                Tuple.of(1, pick.map(Intent.RemoveEdge::new).map(Intent.class::cast)),
                Tuple.of(1, Combinators.combine(Arbitraries.of(FIELD_KEYS), fieldValue)
                        .as(Intent.SetField::new).map(Intent.class::cast)));
    }

    // ------------------------------------------------------------------------------------------
    // The property
    // ------------------------------------------------------------------------------------------

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void clientsConvergeAndNoAcceptedOpIsLost(@ForAll("scenarios") Scenario scenario) {
        withTempDir(dir -> {
            Run run = new Run(dir, scenario.clients());
            try {
                run.play(scenario.steps());
                run.checkFinalState();
                // the same history, read back from the database rather than the store's memory
                run.restart();
                run.checkFinalState();
            } finally {
                run.store.close();
            }
            Statistics.label("versions").collect(bucket(run.commits.size()));
            Statistics.label("rejected").collect(bucket(run.rejected));
            Statistics.label("accepted after a rebase").collect(bucket(run.rebasedAccepts));
            Statistics.label("server restarts").collect(bucket(run.restarts - 1));
        });
    }

    /** The state of one run: the store, the clients, and what the listener was told. */
    private static final class Run {
        final Path dir;
        GraphStore store;
        final List<Client> clients = new ArrayList<>();
        /** Every commit the listener saw; commit k is at index k - 1 when versions have no gaps. */
        final List<Commit> commits = Collections.synchronizedList(new ArrayList<>());
        /** The operations each client sent, by the version that accepted them. */
        final Map<Long, List<GraphOp>> sent = new HashMap<>();
        int rejected;
        int rebasedAccepts;
        int restarts;

        Run(Path dir, int clientCount) {
            this.dir = dir;
            this.store = open(dir);
            store.addListener(commits::add);
            assertInstanceOf(CommitResult.Accepted.class, store.sync(GRAPH, 0, chain(4, "seed"), by("seed")));
            for (int i = 0; i < clientCount; i++) {
                Client c = new Client("c" + i);
                clients.add(c);
                catchUp(c); // connecting with since=0
            }
        }

        void play(List<Step> steps) {
            for (Step step : steps) {
                if (step.restart()) {
                    restart();
                }
                Client c = clients.get(step.client() % clients.size());
                if (step.receive()) {
                    catchUp(c);
                } else if (!c.pending.isEmpty()) {
                    List<GraphOp> retry = rebase(c.pending, c.graph);
                    c.pending = List.of();
                    if (!retry.isEmpty()) {
                        write(c, retry, step.retryAtOnce());
                    }
                } else {
                    c.attempts = 0;
                    List<GraphOp> ops = resolve(c, step.intents());
                    if (!ops.isEmpty()) {
                        write(c, ops, step.retryAtOnce());
                    }
                }
            }
            clients.forEach(this::catchUp);
        }

        /** Sends a patch based on the client's local copy and handles the answer as a client would. */
        void write(Client c, List<GraphOp> ops, boolean retryAtOnce) {
            long base = c.version;
            Graph baseGraph = c.graph;
            long before = store.current(GRAPH).version();
            c.attempts++;
            CommitResult result = store.patch(GRAPH, base, ops, CommitOrigin.of(c.id));
            switch (result) {
                case CommitResult.Accepted a -> {
                    long v = a.commit().version();
                    assertEquals(before + 1, v, "an accepted patch is the next version");
                    assertEquals(v, store.current(GRAPH).version());
                    sent.put(v, ops);
                    if (base < before) {
                        rebasedAccepts++;
                        // the server rebased our ops over the others' changes; as they do not
                        // conflict, they must commute: applying ours first (as an optimistic client
                        // does) and theirs after gives the same graph
                        Graph optimistic = GraphEditor.of(baseGraph).apply(ops).toGraph();
                        for (long k = base + 1; k <= before; k++) {
                            optimistic = GraphEditor.of(optimistic).apply(commit(k).ops()).toGraph();
                        }
                        assertSameContent(a.commit().state().graph(), optimistic,
                                "patch by " + c.id + " based on " + base + ", accepted as " + v + ": " + ops
                                        + " after " + opsOf(base + 1, before) + " does not commute");
                    }
                    catchUp(c); // from its old version: the others' changes and then its own
                    assertEquals(v, c.version);
                }
                case CommitResult.Rejected r -> {
                    rejected++;
                    assertFalse(r.resync(), "the history keeps every version in this test");
                    assertTrue(base < before, () -> "rejected although based on the current version: " + r);
                    assertEquals(base, r.baseVersion());
                    assertEquals(before, r.version());
                    assertEquals(before, store.current(GRAPH).version(), "a rejected patch changes nothing");
                    assertFalse(r.conflicts().isEmpty(), () -> "rejected without a conflict: " + r);
                    Set<String> mine = idsIn(ops);
                    for (Conflict conflict : r.conflicts()) {
                        assertTrue(mine.contains(conflict.id()),
                                () -> "conflict " + conflict + " is about nothing " + ops + " touches");
                    }
                    assertEquals(LongStream.rangeClosed(base + 1, before).boxed().toList(),
                            r.since().stream().map(VersionOps::version).toList());
                    assertEquals(store.opsSince(GRAPH, base).orElseThrow(), r.since());
                    // rebase on what the rejection carries
                    apply(c, r.since());
                    assertEquals(r.version(), c.version);
                    assertSameContent(store.current(GRAPH).graph(), c.graph,
                            c.id + " rebased on the rejection's ops");
                    List<GraphOp> retry = rebase(ops, c.graph);
                    if (retry.isEmpty() || c.attempts >= MAX_ATTEMPTS) {
                        c.pending = List.of(); // the targets are gone, or the client gives up
                    } else if (retryAtOnce) {
                        long at = c.version;
                        write(c, retry, true);
                        // nothing happened in between: based on the current version it cannot conflict
                        assertTrue(sent.containsKey(at + 1), () -> "the retry " + retry + " at the current version "
                                + at + " was not accepted");
                    } else {
                        c.pending = retry;
                    }
                }
                case CommitResult.Invalid i -> {
                    assertEquals(before, store.current(GRAPH).version(), "an invalid patch changes nothing");
                    List<Problem> problems = GraphEditor.of(store.current(GRAPH).graph()).apply(ops).problems();
                    assertFalse(problems.isEmpty(), () -> "invalid " + i.problems() + " but " + ops
                            + " apply to the current graph");
                    // The ops were valid on the client's base version, so only a change accepted
                    // since then can have broken them (removed their node or edge): that is a
                    // conflict, to be answered with the ops to rebase on, never invalid_graph.
                    fail("ops valid on " + c.id + "'s base version " + base + " were found invalid at version "
                            + before + " instead of conflicting: " + ops + " after " + opsOf(base + 1, before)
                            + ": " + i.problems());
                }
                default -> fail("unexpected answer to a patch: " + result);
            }
        }

        /** Receives every change after the client's version, as graph_patch broadcasts would. */
        void catchUp(Client c) {
            List<VersionOps> since = store.opsSince(GRAPH, c.version)
                    .orElseThrow(() -> new AssertionError("no ops since " + c.version + " for " + c.id));
            apply(c, since);
            assertEquals(store.current(GRAPH).version(), c.version);
            assertSameContent(store.current(GRAPH).graph(), c.graph, c.id + " after catching up");
        }

        void apply(Client c, List<VersionOps> versions) {
            for (VersionOps vo : versions) {
                assertEquals(c.version + 1, vo.version(), () -> c.id + " would skip or repeat a version");
                GraphEditor editor = GraphEditor.of(c.graph).apply(vo.ops());
                assertEquals(List.of(), editor.problems(),
                        () -> c.id + " cannot apply version " + vo.version() + ": " + vo.ops());
                c.graph = editor.toGraph();
                c.version = vo.version();
            }
        }

        Commit commit(long version) {
            Commit c = commits.get((int) version - 1);
            assertEquals(version, c.version());
            return c;
        }

        List<List<GraphOp>> opsOf(long from, long to) {
            return LongStream.rangeClosed(from, to).mapToObj(k -> commit(k).ops()).toList();
        }

        void checkFinalState() {
            GraphState current = store.current(GRAPH);
            long n = current.version();

            // (2) the listener saw exactly 1..N, in order, and each is either the seed or an accepted patch
            assertEquals(LongStream.rangeClosed(1, n).boxed().toList(),
                    commits.stream().map(Commit::version).toList(), "versions published");
            assertEquals(n - 1, sent.size(), "every accepted patch is one version");

            // (1) every client converged on the server's graph
            for (Client c : clients) {
                assertEquals(n, c.version, c.id + "'s version");
                assertSameContent(current.graph(), c.graph, c.id + "'s graph");
            }

            // (3) no accepted op was lost or altered: each commit is what its sender sent, as it
            // took effect on the previous version ...
            for (long v = 2; v <= n; v++) {
                List<GraphOp> expected = GraphEditor.of(commit(v - 1).state().graph()).apply(sent.get(v)).applied();
                assertEquals(expected, commit(v).ops(), "ops of version " + v);
                assertEquals("patch", commit(v).kind());
            }
            // ... the history replays to the current graph ...
            List<VersionOps> all = store.opsSince(GRAPH, 0).orElseThrow();
            assertEquals(commits.stream().map(Commit::ops).toList(), all.stream().map(VersionOps::ops).toList());
            assertEquals(current.graph(), replay(all), "replaying the history from the empty graph");
            // ... and the last accepted write to each position, data key and diagram field is what is there
            Map<String, Optional<Object>> lastWrites = lastWrites();
            lastWrites.forEach((what, value) ->
                    assertEquals(value, valueOf(current.graph(), what), () -> "last accepted write to " + what));

            // (4) the history rebuilds each version as its commit reported it
            for (long k = 1; k <= n; k++) {
                assertEquals(commit(k).state().graph(), store.version(GRAPH, k).orElseThrow().graph(),
                        "version " + k + " rebuilt from the history");
            }
        }

        /**
         * Closes the store and opens it again on the same database: its memory (current state,
         * recent ops) is gone, so it rebuilds from the history and reads the ops from the database.
         */
        void restart() {
            store.close();
            store = open(dir);
            store.addListener(commits::add);
            GraphState before = commits.getLast().state();
            GraphState after = store.current(GRAPH);
            assertEquals(before.version(), after.version(), "the version after a restart");
            assertEquals(before.graph(), after.graph(), "the current graph rebuilt from the database");
            restarts++;
        }

        /**
         * The last accepted write to every node position, node data key and diagram field, in
         * version order: {@code n:ID:position}, {@code n:ID:data.KEY}, {@code g:KEY}; an empty value
         * means removed. A removed node's writes are forgotten with it.
         */
        Map<String, Optional<Object>> lastWrites() {
            Map<String, Optional<Object>> last = new TreeMap<>();
            for (Commit commit : commits) {
                for (GraphOp op : commit.ops()) {
                    switch (op) {
                        case GraphOp.AddNode a -> {
                            Node node = a.node();
                            last.put("n:" + node.id() + ":position", Optional.of(node.position()));
                            node.data().forEach((k, val) -> last.put("n:" + node.id() + ":data." + k, Optional.of(val)));
                        }
                        case GraphOp.UpdateNode u -> {
                            u.position().ifPresent(p -> last.put("n:" + u.id() + ":position", Optional.of(p)));
                            u.data().forEach((k, val) -> last.put("n:" + u.id() + ":data." + k, Optional.ofNullable(val)));
                        }
                        case GraphOp.RemoveNode r -> last.keySet().removeIf(k -> k.startsWith("n:" + r.id() + ":"));
                        case GraphOp.SetField s -> last.put("g:" + s.key(), Optional.ofNullable(s.value()));
                        default -> {
                        }
                    }
                }
            }
            return last;
        }
    }

    /** A store on {@code dir} that keeps every version, with room for every graph a scenario builds. */
    private static GraphStore open(Path dir) {
        return StoreFixtures.open(new StoreConfig(dir, new GraphLimits(10_000, 10_000), 10_000, Duration.ZERO, false));
    }

    private static Optional<Object> valueOf(Graph graph, String what) {
        if (what.startsWith("g:")) {
            return Optional.ofNullable(graph.fields().get(what.substring(2)));
        }
        int colon = what.indexOf(':', 2);
        String id = what.substring(2, colon);
        String field = what.substring(colon + 1);
        Node node = graph.node(id).orElseThrow(() -> new AssertionError("node " + id + " was lost"));
        return field.equals("position") ? Optional.of(node.position())
                : Optional.ofNullable(node.data().get(field.substring("data.".length())));
    }

    private static final class Client {
        final String id;
        long version;
        Graph graph = Graph.empty();
        int nextId;
        /** A rejected change, rebased, to retry on the client's next turn. */
        List<GraphOp> pending = List.of();
        int attempts;

        Client(String id) {
            this.id = id;
        }
    }

    /** The client's intents as operations valid on its local copy (each on the result of the ones before). */
    private static List<GraphOp> resolve(Client c, List<Intent> intents) {
        Graph working = c.graph;
        List<GraphOp> ops = new ArrayList<>();
        for (Intent intent : intents) {
            List<String> nodes = working.nodes().stream().map(Node::id).sorted().toList();
            List<String> edges = working.edges().stream().map(Edge::id).sorted().toList();
            Optional<GraphOp> op = switch (intent) {
                case Intent.Move m -> pick(nodes, m.node())
                        .map(id -> GraphOp.UpdateNode.move(id, new Position(m.x(), m.y())));
                case Intent.SetData s -> pick(nodes, s.node()).map(id -> new GraphOp.UpdateNode(id, Optional.empty(),
                        Map.of(s.key(), s.value()), Map.of()));
                case Intent.RemoveData r -> pick(nodes, r.node()).map(id -> new GraphOp.UpdateNode(id, Optional.empty(),
                        Collections.singletonMap(r.key(), null), Map.of()));
                case Intent.AddNode a -> Optional.of(new GraphOp.AddNode(Node.create(c.id + "-n" + c.nextId++, "job",
                        new Position(a.x(), a.y()), Map.of("label", a.label()))));
                case Intent.RemoveNode r -> pick(nodes, r.node()).map(GraphOp.RemoveNode::new);
                case Intent.AddEdge a -> pick(nodes, a.source()).flatMap(s -> pick(nodes, a.target())
                        .map(t -> new GraphOp.AddEdge(Edge.create(c.id + "-e" + c.nextId++, s, t))));
                case Intent.RemoveEdge r -> pick(edges, r.edge()).map(GraphOp.RemoveEdge::new);
                case Intent.SetField s -> Optional.of(new GraphOp.SetField(s.key(), s.value()));
            };
            if (op.isPresent()) {
                GraphEditor editor = GraphEditor.of(working).apply(List.of(op.get()));
                assertEquals(List.of(), editor.problems(), () -> "generated an invalid op " + op.get());
                working = editor.toGraph();
                ops.add(op.get());
            }
        }
        return ops;
    }

    /** The ops that still make sense on {@code graph}: those whose node or edge is gone are dropped. */
    private static List<GraphOp> rebase(List<GraphOp> ops, Graph graph) {
        Graph working = graph;
        List<GraphOp> kept = new ArrayList<>();
        for (GraphOp op : ops) {
            GraphEditor editor = GraphEditor.of(working).apply(List.of(op));
            if (editor.problems().isEmpty()) {
                working = editor.toGraph();
                kept.add(op);
            }
        }
        return kept;
    }

    private static Optional<String> pick(List<String> ids, int index) {
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(index % ids.size()));
    }

    /** The node and edge ids an op list names, plus {@code ""} when it sets a diagram field. */
    private static Set<String> idsIn(List<GraphOp> ops) {
        Set<String> ids = new LinkedHashSet<>();
        for (GraphOp op : ops) {
            switch (op) {
                case GraphOp.AddNode a -> ids.add(a.node().id());
                case GraphOp.UpdateNode u -> ids.add(u.id());
                case GraphOp.RemoveNode r -> ids.add(r.id());
                case GraphOp.AddEdge a -> ids.addAll(List.of(a.edge().id(), a.edge().source(), a.edge().target()));
                case GraphOp.UpdateEdge u -> {
                    ids.add(u.id());
                    Stream.of("source", "target").map(u.fields()::get).filter(String.class::isInstance)
                            .map(String.class::cast).forEach(ids::add);
                }
                case GraphOp.RemoveEdge r -> ids.add(r.id());
                case GraphOp.SetField s -> ids.add("");
            }
        }
        return ids;
    }

    private static Graph replay(List<VersionOps> versions) {
        Graph graph = Graph.empty();
        for (VersionOps vo : versions) {
            GraphEditor editor = GraphEditor.of(graph).apply(vo.ops());
            assertEquals(List.of(), editor.problems(), "replaying version " + vo.version());
            graph = editor.toGraph();
        }
        return graph;
    }

    /** Equal as sets of nodes and edges by id, and equal diagram fields; order does not matter. */
    private static void assertSameContent(Graph expected, Graph actual, String what) {
        assertEquals(byId(expected.nodes(), Node::id), byId(actual.nodes(), Node::id), what + ": nodes");
        assertEquals(byId(expected.edges(), Edge::id), byId(actual.edges(), Edge::id), what + ": edges");
        assertEquals(expected.fields(), actual.fields(), what + ": fields");
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new TreeMap<>();
        items.forEach(item -> assertEquals(null, map.put(id.apply(item), item), () -> "duplicate id " + id.apply(item)));
        return map;
    }

    private static String bucket(int n) {
        return n == 0 ? "0" : n < 5 ? "1-4" : n < 20 ? "5-19" : n < 50 ? "20-49" : "50+";
    }

    // ------------------------------------------------------------------------------------------
    // Deterministic cases
    // ------------------------------------------------------------------------------------------

    @Example
    void movesOfDifferentNodesFromTheSameBaseAreBothAccepted() {
        withTempDir(dir -> {
            try (GraphStore store = StoreFixtures.open(dir)) {
                long base = seed(store);
                Position p0 = new Position(11, 22);
                Position p1 = new Position(-5, 7.5);

                CommitResult first = store.patch(GRAPH, base, List.of(GraphOp.UpdateNode.move("n0", p0)), by("alice"));
                CommitResult second = store.patch(GRAPH, base, List.of(GraphOp.UpdateNode.move("n1", p1)), by("bob"));

                assertEquals(base + 1, assertInstanceOf(CommitResult.Accepted.class, first).commit().version());
                assertEquals(base + 2, assertInstanceOf(CommitResult.Accepted.class, second).commit().version());
                Graph graph = store.current(GRAPH).graph();
                assertEquals(p0, graph.node("n0").orElseThrow().position());
                assertEquals(p1, graph.node("n1").orElseThrow().position());
            }
        });
    }

    @Example
    void movesOfTheSameNodeFromTheSameBaseRejectTheSecond() {
        withTempDir(dir -> {
            try (GraphStore store = StoreFixtures.open(dir)) {
                long base = seed(store);
                GraphOp aliceMove = GraphOp.UpdateNode.move("n0", new Position(11, 22));
                assertInstanceOf(CommitResult.Accepted.class, store.patch(GRAPH, base, List.of(aliceMove), by("alice")));
                Graph afterAlice = store.current(GRAPH).graph();

                CommitResult second = store.patch(GRAPH, base,
                        List.of(GraphOp.UpdateNode.move("n0", new Position(-1, -2))), by("bob"));

                CommitResult.Rejected rejected = assertInstanceOf(CommitResult.Rejected.class, second);
                assertEquals(List.of(new Conflict("n0", "position")), rejected.conflicts());
                assertEquals(base, rejected.baseVersion());
                assertEquals(base + 1, rejected.version());
                assertEquals(List.of(new VersionOps(base + 1, List.of(aliceMove), "alice")), rejected.since());
                assertFalse(rejected.resync());
                assertEquals(base + 1, store.current(GRAPH).version());
                assertEquals(afterAlice, store.current(GRAPH).graph());
            }
        });
    }

    @Example
    void removingANodeAndUpdatingItFromTheSameBaseRejectTheSecond() {
        GraphOp update = new GraphOp.UpdateNode("n1", Optional.empty(), Map.of("label", "edited"), Map.of());
        GraphOp remove = new GraphOp.RemoveNode("n1");
        for (List<GraphOp> order : List.of(List.of(remove, update), List.of(update, remove))) {
            withTempDir(dir -> {
                try (GraphStore store = StoreFixtures.open(dir)) {
                    long base = seed(store);
                    assertInstanceOf(CommitResult.Accepted.class,
                            store.patch(GRAPH, base, List.of(order.get(0)), by("alice")));

                    CommitResult second = store.patch(GRAPH, base, List.of(order.get(1)), by("bob"));

                    CommitResult.Rejected rejected = assertInstanceOf(CommitResult.Rejected.class, second,
                            () -> order.get(1) + " after " + order.get(0));
                    assertFalse(rejected.conflicts().isEmpty());
                    assertTrue(rejected.conflicts().stream().allMatch(c -> c.id().equals("n1")),
                            () -> "conflicts " + rejected.conflicts());
                    assertEquals(base + 1, store.current(GRAPH).version());
                }
            });
        }
    }

    /** Writes the seed graph (a chain n0 → n1 → n2 → n3) and returns its version. */
    private static long seed(GraphStore store) {
        CommitResult r = store.sync(GRAPH, 0, chain(4, "seed"), by("seed"));
        return assertInstanceOf(CommitResult.Accepted.class, r).commit().version();
    }

    /** jqwik has no {@code @TempDir}: a fresh directory per try, deleted afterwards. */
    private static void withTempDir(Consumer<Path> body) {
        Path dir;
        try {
            dir = Files.createTempDirectory("flowcraft-delta-sync");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            body.accept(dir);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
