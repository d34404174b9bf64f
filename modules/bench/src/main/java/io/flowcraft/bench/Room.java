package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The set-up shared by the editing scenarios: a fresh graph seeded with a generated graph, writers
 * and a group of readers, all holding the seeded version. {@link #openPatch} builds it for delta
 * sync (patch writers and patch readers; the seed comes from a short-lived legacy client, which
 * leaves before anything is measured so that the server has no snapshot to build per change),
 * {@link #openSync} for full snapshots (the first writer seeds; legacy readers).
 *
 * @param graphId     the graph's id
 * @param graph       the generated graph
 * @param seedBytes   the size of the seeded graph's JSON, in bytes (it is ASCII)
 * @param baseVersion the version the seed was stored as
 * @param writers     the writers (at least one)
 * @param readers     the readers
 * @param violations  where invariant violations are recorded
 * @param <W>         the kind of writer
 */
record Room<W extends CorrelatedWriter<?>>(String graphId, GraphTemplate graph, int seedBytes, long baseVersion,
                                           List<W> writers, ReaderGroup readers, Violations violations)
        implements AutoCloseable {

    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(10);

    /** Connects one writer. */
    @FunctionalInterface
    private interface Connector<W> {
        W connect(WsClients factory, URI uri, String name, Duration timeout) throws BenchException, InterruptedException;
    }

    /** Canonical constructor: copies the list. */
    Room {
        writers = List.copyOf(writers);
    }

    /**
     * Opens a delta-sync room: generates and seeds the graph, connects the patch writers and readers.
     *
     * @throws BenchException when a client cannot connect or the seed is rejected
     */
    static Room<PatchWriter> openPatch(ScenarioContext ctx, String scenario, int nodes, int writerCount,
                                       int readerCount) throws BenchException, InterruptedException {
        SeededGraph seeded = SeededGraph.seed(ctx, scenario, nodes);
        List<PatchWriter> writers = new ArrayList<>();
        try {
            connect(ctx, seeded.uri(), writers, 0, writerCount, PatchWriter::connect);
            return withReaders(ctx, seeded.uri(), seeded.graphId(), seeded.graph(), seeded.bytes(), seeded.version(),
                    writers, readerCount, true);
        } catch (BenchException | InterruptedException | RuntimeException e) {
            writers.forEach(CorrelatedWriter::close);
            throw e;
        }
    }

    /**
     * Opens a full-snapshot room of {@code --nodes} nodes (default 1,000): generates the graph,
     * connects the first writer and seeds with it, connects the other writers and the readers.
     *
     * @throws BenchException when a client cannot connect or the seed is rejected
     */
    static Room<SyncWriter> openSync(ScenarioContext ctx, String scenario, int writerCount, int readerCount)
            throws BenchException, InterruptedException {
        int nodes = ctx.options().pick(ctx.options().nodes(), 1000, 1000);
        GraphTemplate graph = GraphGenerator.generate(nodes, nodes, 42);
        String graphId = ctx.newGraphId(scenario);
        URI uri = ctx.graphUri(graphId);
        List<SyncWriter> writers = new ArrayList<>();
        try {
            connect(ctx, uri, writers, 0, 1, SyncWriter::connect);
            String seed = graph.render();
            SyncWriter first = writers.get(0);
            SyncWriter.Outcome outcome = first.sync(first.version(), seed, ScenarioContext.ANSWER_TIMEOUT);
            if (!outcome.accepted()) {
                throw new BenchException("the seed of new graph " + graphId + " was rejected (server version "
                        + outcome.version() + ")");
            }
            connect(ctx, uri, writers, 1, writerCount, SyncWriter::connect);
            return withReaders(ctx, uri, graphId, graph, seed.length(), outcome.version(), writers, readerCount, false);
        } catch (BenchException | InterruptedException | RuntimeException e) {
            writers.forEach(CorrelatedWriter::close);
            throw e;
        }
    }

    /**
     * Warms the server up (class loading, JIT) with unmeasured closed-loop moves by the first writer,
     * each waiting until every reader has the new version, then waits until every writer holds the
     * last version; bounded by ten seconds.
     *
     * @param edits how many moves to make
     * @return the version after the warm-up
     * @throws BenchException when a move is rejected, not answered or not broadcast in time
     */
    long warmUp(int edits) throws BenchException, InterruptedException {
        W writer = writers.get(0);
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        for (int i = 0; i < edits && System.nanoTime() < deadline; i++) {
            CorrelatedWriter.Answer outcome = writer.move(graph, i % graph.nodeCount(), -i, -i,
                    ScenarioContext.ANSWER_TIMEOUT);
            if (!outcome.accepted()) {
                throw new BenchException("warm-up: the first writer's edit on version " + writer.version()
                        + " was rejected (server version " + outcome.version() + ")");
            }
            try {
                readers.tracker().awaitAll(outcome.version(), ScenarioContext.ANSWER_TIMEOUT);
            } catch (TimeoutException e) {
                throw new BenchException("warm-up: " + shortfall(outcome.version()));
            }
        }
        awaitWriters(writer.version(), deadline);
        return writer.version();
    }

    /** Waits (until {@code deadline}) for every writer to hold {@code version}; returns whether they all do. */
    boolean awaitWriters(long version, long deadline) throws InterruptedException {
        for (W w : writers) {
            while (w.version() < version) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(1);
            }
        }
        return true;
    }

    /** Says that {@code version} has not reached every reader in time. */
    String shortfall(long version) {
        return "version " + version + " reached only " + readers.tracker().count(version) + " of " + readers.size()
                + " readers within " + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s";
    }

    @Override
    public void close() {
        readers.close();
        writers.forEach(CorrelatedWriter::close);
    }

    private static <W> void connect(ScenarioContext ctx, URI uri, List<W> writers, int from, int to,
                                    Connector<W> connector) throws BenchException, InterruptedException {
        for (int i = from; i < to; i++) {
            writers.add(connector.connect(ctx.clients(), uri, "w" + i, ScenarioContext.CONNECT_TIMEOUT));
        }
    }

    private static <W extends CorrelatedWriter<?>> Room<W> withReaders(ScenarioContext ctx, URI uri, String graphId,
            GraphTemplate graph, int seedBytes, long version, List<W> writers, int readerCount, boolean patches)
            throws BenchException, InterruptedException {
        Violations violations = new Violations();
        ReaderGroup readers = ReaderGroup.connect(ctx.clients(), uri, readerCount, violations,
                ScenarioContext.CONNECT_TIMEOUT, patches);
        return new Room<>(graphId, graph, seedBytes, version, writers, readers, violations);
    }
}
