package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code load-5000}: opening a large graph. A graph of 5,000 nodes and 5,000 edges (about 1.1 MB of
 * JSON, within the server's default limits of 10,000 nodes and 4 MiB messages; seeded in 64 KB
 * fragments) is loaded by 10 clients one after the other: each load runs from the start of the TCP
 * connection to the complete receipt of the initial {@code sync_graph} (target p50 at most
 * {@value #TARGET_P50_MS} ms). Then the same number of clients load it concurrently, reported as the
 * time until all of them have it. Server CPU per load (over both parts); every client must receive
 * the graph's current version.
 */
final class LoadScenario extends BenchScenario {

    /** Nodes (and edges) of the graph. */
    static final int NODES = 5000;

    /** The goal for the median load time, in ms. */
    static final double TARGET_P50_MS = 25;

    private static final int WARM_UP = 2;
    private static final long SETTLE_MILLIS = 100;

    LoadScenario() {
        super("load-5000", "clients load a 5,000-node (1.1 MB) graph, one after the other, then together");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int loads = o.quick() ? 3 : 10;
        SeededGraph seeded = SeededGraph.seed(ctx, name(), NODES);
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();

        for (int i = 0; i < WARM_UP; i++) {
            seeded.burst(ctx, 1, violations).close();
        }
        LatencyRecorder sequential = new LatencyRecorder();
        ResourceMeter meter = ResourceMeter.start(ctx);
        meter.stop();
        long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
        for (int i = 0; i < loads; i++) {
            if (System.nanoTime() > deadline) {
                notes.add(timeLimitNote(ctx, i, "loads"));
                break;
            }
            Thread.sleep(SETTLE_MILLIS);
            meter.resume();
            long start = System.nanoTime();
            try (ReaderGroup one = seeded.burst(ctx, 1, violations)) {
                sequential.record(one.initialNanos()[0] - start);
                meter.stop();
                seeded.checkJoined(one, "sequential load " + i, violations);
            }
        }
        double concurrentMs = Double.NaN;
        int concurrentLoads = 0;
        if (System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_MILLIS);
            meter.resume();
            long start = System.nanoTime();
            try (ReaderGroup group = seeded.burst(ctx, loads, violations)) {
                long last = SeededGraph.lastJoined(group);
                meter.stop();
                concurrentLoads = loads;
                concurrentMs = (last - start) / 1e6;
                seeded.checkJoined(group, "concurrent load", violations);
            }
        }

        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.count("nodes", NODES),
                Metric.of("graph_size", seeded.bytes() / 1024.0, "KB"),
                Metric.count("loads", sequential.count())));
        metrics.addAll(sequential.stats().metrics("load", "p50", TARGET_P50_MS));
        metrics.add(Metric.of("load_" + loads + "_concurrent_all", concurrentMs, "ms"));
        return finish(metrics, meter, sequential.count() + concurrentLoads, "load", violations, notes, null);
    }
}
