package io.flowcraft.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The set-up shared by the full-snapshot sync scenarios: a fresh graph seeded with a generated
 * graph by the first writer, further writers, and a group of readers, all holding the seeded version.
 *
 * @param graphId     the graph's id
 * @param graph       the generated graph
 * @param seedBytes   the size of the seeded graph's JSON, in characters (= bytes: it is ASCII)
 * @param baseVersion the version the seed was stored as
 * @param writers     the writers (at least one)
 * @param readers     the readers
 * @param violations  where invariant violations are recorded
 */
record SyncRoom(String graphId, GraphTemplate graph, int seedBytes, long baseVersion, List<SyncWriter> writers,
                ReaderGroup readers, Violations violations) implements AutoCloseable {

    private static final java.time.Duration WARM_UP_LIMIT = java.time.Duration.ofSeconds(10);

    /** Canonical constructor: copies the list. */
    SyncRoom {
        writers = List.copyOf(writers);
    }

    /**
     * Opens a room: generates the graph, connects and seeds, connects the readers.
     *
     * @throws BenchException when a client cannot connect or the seed is rejected
     */
    static SyncRoom open(ScenarioContext ctx, String scenario, int writerCount, int readerCount)
            throws BenchException, InterruptedException {
        int nodes = ctx.options().pick(ctx.options().nodes(), 1000, 1000);
        GraphTemplate graph = GraphGenerator.generate(nodes, nodes, 42);
        String graphId = ctx.newGraphId(scenario);
        URI uri = ctx.graphUri(graphId);
        Violations violations = new Violations();
        List<SyncWriter> writers = new ArrayList<>();
        try {
            writers.add(SyncWriter.connect(ctx.clients(), uri, "w0", ScenarioContext.CONNECT_TIMEOUT));
            String seed = graph.render();
            SyncWriter first = writers.get(0);
            SyncWriter.Outcome outcome = first.sync(first.version(), seed, ScenarioContext.ANSWER_TIMEOUT);
            if (!outcome.accepted()) {
                throw new BenchException("the seed of new graph " + graphId + " was rejected (server version "
                        + outcome.version() + ")");
            }
            for (int i = 1; i < writerCount; i++) {
                writers.add(SyncWriter.connect(ctx.clients(), uri, "w" + i, ScenarioContext.CONNECT_TIMEOUT));
            }
            ReaderGroup readers = ReaderGroup.connect(ctx.clients(), uri, readerCount, violations,
                    ScenarioContext.CONNECT_TIMEOUT);
            return new SyncRoom(graphId, graph, seed.length(), outcome.version(), writers, readers, violations);
        } catch (BenchException | InterruptedException | RuntimeException e) {
            writers.forEach(SyncWriter::close);
            throw e;
        }
    }

    /**
     * Warms the server up (class loading, JIT) with unmeasured closed-loop edits by the first writer,
     * each waiting until every reader has the new version; bounded by ten seconds.
     *
     * @param edits how many edits to make
     * @return the version after the warm-up
     * @throws BenchException when an edit is not answered or not broadcast in time
     */
    long warmUp(int edits) throws BenchException, InterruptedException {
        SyncWriter writer = writers.get(0);
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        for (int i = 0; i < edits && System.nanoTime() < deadline; i++) {
            SyncWriter.Outcome outcome = writer.sync(writer.version(), graph.render(i % graph.nodeCount(), -i, -i),
                    ScenarioContext.ANSWER_TIMEOUT);
            if (outcome.accepted()) {
                try {
                    readers.tracker().awaitAll(outcome.version(), ScenarioContext.ANSWER_TIMEOUT);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new BenchException("warm-up: version " + outcome.version()
                            + " did not reach every reader within "
                            + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s");
                }
            }
        }
        for (SyncWriter w : writers) {
            while (w.version() < writer.version() && System.nanoTime() < deadline) {
                Thread.sleep(5); // let every writer see the last warm-up version
            }
        }
        return writer.version();
    }

    /**
     * The figures every sync scenario reports, in table order.
     *
     * @param warmUp       unmeasured warm-up edits
     * @param accepted     accepted syncs in the measured part
     * @param rejected     {@code version_mismatch} answers in the measured part
     * @param elapsedNanos duration of the measured part
     * @param latency      latencies of accepted syncs, send to last reader
     * @param meter        CPU and memory over the measured part
     * @return the metrics
     */
    List<Metric> metrics(int warmUp, long accepted, long rejected, long elapsedNanos, LatencyRecorder latency,
                         ResourceMeter meter) {
        LatencyRecorder.LatencyStats stats = latency.stats();
        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.count("readers", readers.size()), Metric.count("writers", writers.size()),
                Metric.of("snapshot_size", seedBytes / 1024.0, "KB"), Metric.count("warmup_edits", warmUp),
                Metric.count("accepted", accepted), Metric.count("rejected", rejected),
                Metric.of("syncs_per_s", accepted / (elapsedNanos / 1e9), "1/s"),
                Metric.of("latency_mean", stats.meanMs(), "ms"), Metric.of("latency_p50", stats.p50Ms(), "ms"), Metric.of("latency_p99", stats.p99Ms(), "ms"),
                Metric.of("latency_max", stats.maxMs(), "ms")));
        metrics.addAll(meter.metrics(accepted, "sync"));
        metrics.add(Metric.count("violations", violations.count()));
        return metrics;
    }

    @Override
    public void close() {
        readers.close();
        writers.forEach(SyncWriter::close);
    }
}
