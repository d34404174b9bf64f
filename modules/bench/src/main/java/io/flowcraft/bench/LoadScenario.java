package io.flowcraft.bench;

import java.net.URI;
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
final class LoadScenario implements Scenario {

    /** Nodes (and edges) of the graph. */
    static final int NODES = 5000;

    /** The goal for the median load time, in ms. */
    static final double TARGET_P50_MS = 25;

    private static final int WARM_UP = 2;
    private static final long SETTLE_MILLIS = 100;

    @Override
    public String name() {
        return "load-5000";
    }

    @Override
    public String description() {
        return "clients load a 5,000-node (1.1 MB) graph, one after the other, then together";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int loads = o.quick() ? 3 : 10;
        GraphTemplate graph = GraphGenerator.generate(NODES, NODES, 42);
        String graphId = ctx.newGraphId(name());
        URI uri = ctx.graphUri(graphId);
        String seed = graph.render();
        long version = SyncWriter.seed(ctx.clients(), uri, seed);
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();

        for (int i = 0; i < WARM_UP; i++) {
            JoinScenario.burst(ctx, uri, 1, violations).close();
        }
        LatencyRecorder sequential = new LatencyRecorder();
        ResourceMeter meter = ResourceMeter.start(ctx);
        meter.stop();
        long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
        for (int i = 0; i < loads; i++) {
            if (System.nanoTime() > deadline) {
                notes.add("time limit of " + o.timeLimit() + " s reached after " + i + " loads");
                break;
            }
            Thread.sleep(SETTLE_MILLIS);
            meter.resume();
            long start = System.nanoTime();
            try (ReaderGroup one = JoinScenario.burst(ctx, uri, 1, violations)) {
                sequential.record(one.initialNanos()[0] - start);
                meter.stop();
                check(one, version, "sequential load " + i, violations);
            }
        }
        double concurrentMs = Double.NaN;
        int concurrentLoads = 0;
        if (System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_MILLIS);
            meter.resume();
            long start = System.nanoTime();
            try (ReaderGroup group = JoinScenario.burst(ctx, uri, loads, violations)) {
                long last = Long.MIN_VALUE;
                for (long nanos : group.initialNanos()) {
                    last = Math.max(last, nanos);
                }
                meter.stop();
                concurrentLoads = loads;
                concurrentMs = (last - start) / 1e6;
                check(group, version, "concurrent load", violations);
            }
        }

        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.count("nodes", NODES),
                Metric.of("graph_size", seed.length() / 1024.0, "KB"),
                Metric.count("loads", sequential.count())));
        metrics.addAll(sequential.stats().metrics("load", "p50", TARGET_P50_MS));
        metrics.add(Metric.of("load_" + loads + "_concurrent_all", concurrentMs, "ms"));
        metrics.addAll(meter.metrics(sequential.count() + concurrentLoads, "load"));
        notes.addAll(meter.notes());
        metrics.add(Metric.count("violations", violations.count()));
        notes.addAll(violations.descriptions());
        return new ScenarioResult(name(), metrics, violations.count(), notes, null);
    }

    private static void check(ReaderGroup group, long version, String what, Violations violations) {
        for (long v : group.initialVersions()) {
            if (v != version) {
                violations.add(what + ": a client received version " + v + ", expected " + version);
            }
        }
    }
}
