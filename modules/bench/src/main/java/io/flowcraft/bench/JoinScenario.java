package io.flowcraft.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code join-100}: 100 clients connect at the same moment to a graph of 1,000 nodes (about 216 KB)
 * and each waits for its initial {@code sync_graph}. A trial's figure is the time from the start of
 * the burst until the last client has received its snapshot completely (target at most
 * {@value #TARGET_MS} ms, checked against the worst trial); per-client times and server CPU per
 * joining client are reported too. Every client must receive the graph's current version. Trials
 * are repeated (after an unmeasured warm-up burst), with the clients disconnected in between.
 */
final class JoinScenario implements Scenario {

    /** The goal for the time until every client of a burst has its snapshot, in ms. */
    static final double TARGET_MS = 500;

    private static final long SETTLE_MILLIS = 300;

    @Override
    public String name() {
        return "join-100";
    }

    @Override
    public String description() {
        return "100 clients connect at once to a 1,000-node graph; time until all have the initial sync_graph";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int clients = o.pick(o.readers(), 100, 20);
        int trials = o.quick() ? 2 : 5;
        int nodes = o.pick(o.nodes(), 1000, 1000);
        GraphTemplate graph = GraphGenerator.generate(nodes, nodes, 42);
        String graphId = ctx.newGraphId(name());
        URI uri = ctx.graphUri(graphId);
        String seed = graph.render();
        long version = SyncWriter.seed(ctx.clients(), uri, seed);
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();

        burst(ctx, uri, Math.min(clients, 20), violations).close(); // warm-up, unmeasured
        Thread.sleep(SETTLE_MILLIS);
        LatencyRecorder all = new LatencyRecorder();
        LatencyRecorder perClient = new LatencyRecorder();
        ResourceMeter meter = ResourceMeter.start(ctx);
        meter.stop();
        long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
        int done = 0;
        for (int t = 0; t < trials; t++) {
            if (System.nanoTime() > deadline) {
                notes.add("time limit of " + o.timeLimit() + " s reached after " + t + " trials");
                break;
            }
            meter.resume();
            long start = System.nanoTime();
            try (ReaderGroup group = burst(ctx, uri, clients, violations)) {
                long last = Long.MIN_VALUE;
                for (long nanos : group.initialNanos()) {
                    perClient.record(nanos - start);
                    last = Math.max(last, nanos);
                }
                meter.stop();
                all.record(last - start);
                long[] versions = group.initialVersions();
                for (int i = 0; i < versions.length; i++) {
                    if (versions[i] != version) {
                        violations.add("trial " + t + ": client " + i + " joined on version " + versions[i]
                                + ", expected " + version);
                    }
                }
            }
            done++;
            Thread.sleep(SETTLE_MILLIS); // let the server finish closing the trial's connections
        }

        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.count("clients", clients),
                Metric.of("graph_size", seed.length() / 1024.0, "KB"),
                Metric.count("trials", done)));
        LatencyRecorder.LatencyStats a = all.stats();
        metrics.add(Metric.of("join_all_p50", a.p50Ms(), "ms"));
        metrics.add(Metric.of("join_all_max", a.maxMs(), "ms").atMost(TARGET_MS));
        LatencyRecorder.LatencyStats c = perClient.stats();
        metrics.add(Metric.of("join_client_p50", c.p50Ms(), "ms"));
        metrics.add(Metric.of("join_client_p99", c.p99Ms(), "ms"));
        metrics.addAll(meter.metrics((long) done * clients, "join"));
        notes.addAll(meter.notes());
        metrics.add(Metric.count("violations", violations.count()));
        notes.addAll(violations.descriptions());
        return new ScenarioResult(name(), metrics, violations.count(), notes, null);
    }

    /** Connects {@code count} legacy clients at once and waits until each has its initial snapshot. */
    static ReaderGroup burst(ScenarioContext ctx, URI uri, int count, Violations violations)
            throws BenchException, InterruptedException {
        return ReaderGroup.connect(ctx.clients(), uri, count, violations, ScenarioContext.CONNECT_TIMEOUT);
    }
}
