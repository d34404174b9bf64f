package io.flowcraft.bench;

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
final class JoinScenario extends BenchScenario {

    /** The goal for the time until every client of a burst has its snapshot, in ms. */
    static final double TARGET_MS = 500;

    private static final long SETTLE_MILLIS = 300;

    JoinScenario() {
        super("join-100", "100 clients connect at once to a 1,000-node graph; time until all have the initial sync_graph");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int clients = o.pick(o.readers(), 100, 20);
        int trials = o.quick() ? 2 : 5;
        int nodes = o.pick(o.nodes(), 1000, 1000);
        SeededGraph seeded = SeededGraph.seed(ctx, name(), nodes);
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();

        seeded.burst(ctx, Math.min(clients, 20), violations).close(); // warm-up, unmeasured
        Thread.sleep(SETTLE_MILLIS);
        LatencyRecorder all = new LatencyRecorder();
        LatencyRecorder perClient = new LatencyRecorder();
        ResourceMeter meter = ResourceMeter.start(ctx);
        meter.stop();
        long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
        int done = 0;
        for (int t = 0; t < trials; t++) {
            if (System.nanoTime() > deadline) {
                notes.add(timeLimitNote(ctx, t, "trials"));
                break;
            }
            meter.resume();
            long start = System.nanoTime();
            try (ReaderGroup group = seeded.burst(ctx, clients, violations)) {
                for (long nanos : group.initialNanos()) {
                    perClient.record(nanos - start);
                }
                meter.stop();
                all.record(SeededGraph.lastJoined(group) - start);
                seeded.checkJoined(group, "trial " + t, violations);
            }
            done++;
            Thread.sleep(SETTLE_MILLIS); // let the server finish closing the trial's connections
        }

        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.count("clients", clients),
                Metric.of("graph_size", seeded.bytes() / 1024.0, "KB"),
                Metric.count("trials", done)));
        LatencyRecorder.LatencyStats a = all.stats();
        metrics.add(Metric.of("join_all_p50", a.p50Ms(), "ms"));
        metrics.add(Metric.of("join_all_max", a.maxMs(), "ms").atMost(TARGET_MS));
        LatencyRecorder.LatencyStats c = perClient.stats();
        metrics.add(Metric.of("join_client_p50", c.p50Ms(), "ms"));
        metrics.add(Metric.of("join_client_p99", c.p99Ms(), "ms"));
        return finish(metrics, meter, (long) done * clients, "join", violations, notes, null);
    }
}
