package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The set-up shared by the delta-sync scenarios: a fresh graph seeded with a generated graph (by a
 * short-lived legacy client, which leaves before anything is measured so that the server has no
 * snapshot to build per change), patch writers and a group of patch readers, all holding the
 * seeded version.
 *
 * @param graphId     the graph's id
 * @param graph       the generated graph
 * @param seedBytes   the size of the seeded graph's JSON, in bytes (it is ASCII)
 * @param baseVersion the version the seed was stored as
 * @param writers     the patch writers (at least one)
 * @param readers     the patch readers
 * @param violations  where invariant violations are recorded
 */
record PatchRoom(String graphId, GraphTemplate graph, int seedBytes, long baseVersion, List<PatchWriter> writers,
                 ReaderGroup readers, Violations violations) implements AutoCloseable {

    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(10);

    /** Canonical constructor: copies the list. */
    PatchRoom {
        writers = List.copyOf(writers);
    }

    /**
     * Opens a room: generates and seeds the graph, connects the writers and the readers.
     *
     * @throws BenchException when a client cannot connect or the seed is rejected
     */
    static PatchRoom open(ScenarioContext ctx, String scenario, int nodes, int writerCount, int readerCount)
            throws BenchException, InterruptedException {
        GraphTemplate graph = GraphGenerator.generate(nodes, nodes, 42);
        String graphId = ctx.newGraphId(scenario);
        URI uri = ctx.graphUri(graphId);
        String seed = graph.render();
        long version = SyncWriter.seed(ctx.clients(), uri, seed);
        Violations violations = new Violations();
        List<PatchWriter> writers = new ArrayList<>();
        try {
            for (int i = 0; i < writerCount; i++) {
                writers.add(PatchWriter.connect(ctx.clients(), uri, "w" + i, ScenarioContext.CONNECT_TIMEOUT));
            }
            ReaderGroup readers = ReaderGroup.connect(ctx.clients(), uri, readerCount, violations,
                    ScenarioContext.CONNECT_TIMEOUT, true);
            return new PatchRoom(graphId, graph, seed.length(), version, writers, readers, violations);
        } catch (BenchException | InterruptedException | RuntimeException e) {
            writers.forEach(PatchWriter::close);
            throw e;
        }
    }

    /**
     * Warms the server up with unmeasured closed-loop moves by the first writer, each waiting until
     * every reader has the new version, then waits until every writer holds the last version;
     * bounded by ten seconds.
     *
     * @param edits how many moves to make
     * @return the version after the warm-up
     * @throws BenchException when a move is rejected, not answered or not broadcast in time
     */
    long warmUp(int edits) throws BenchException, InterruptedException {
        PatchWriter writer = writers.get(0);
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        for (int i = 0; i < edits && System.nanoTime() < deadline; i++) {
            String ops = Frames.ops(Frames.moveNode(GraphGenerator.nodeId(i % graph.nodeCount()), -i, -i));
            PatchWriter.Outcome outcome = writer.patch(writer.version(), ops, ScenarioContext.ANSWER_TIMEOUT);
            if (!outcome.accepted()) {
                throw new BenchException("warm-up: the only writer's patch on version " + writer.version()
                        + " was rejected (server version " + outcome.version() + ")");
            }
            try {
                readers.tracker().awaitAll(outcome.version(), ScenarioContext.ANSWER_TIMEOUT);
            } catch (TimeoutException e) {
                throw new BenchException("warm-up: version " + outcome.version() + " reached only "
                        + readers.tracker().count(outcome.version()) + " of " + readers.size()
                        + " readers within " + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s");
            }
        }
        awaitWriters(writer.version(), deadline);
        return writer.version();
    }

    /** Waits (until {@code deadline}) for every writer to hold {@code version}; returns whether they all do. */
    boolean awaitWriters(long version, long deadline) throws InterruptedException {
        for (PatchWriter w : writers) {
            while (w.version() < version) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(1);
            }
        }
        return true;
    }

    @Override
    public void close() {
        readers.close();
        writers.forEach(PatchWriter::close);
    }
}
