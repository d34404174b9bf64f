package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sync-1w}: one writer edits a 1,000-node graph with full {@code sync_graph} snapshots in a
 * closed loop while 100 readers watch. Each edit moves one node; the next edit is sent only once
 * every reader has received the previous version. Measures accepted syncs per second, broadcast
 * latency (writer's send to the last reader's receipt), server CPU per sync and server memory, and
 * checks that every reader sees every version once, in order.
 */
final class SyncOneWriterScenario extends BenchScenario {

    SyncOneWriterScenario() {
        super("sync-1w", "1 writer, closed loop of full-snapshot edits, readers receive every version");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 100, 10);
        int edits = o.pick(o.edits(), 200, 20);
        List<String> notes = new ArrayList<>();
        try (Room<SyncWriter> room = Room.openSync(ctx, name(), 1, readerCount)) {
            int warmUp = o.quick() ? 3 : 20;
            long version = room.warmUp(warmUp);
            SyncWriter writer = room.writers().get(0);
            ClosedLoop loop = ClosedLoop.run(ctx, room, version, edits, notes, i ->
                    writer.move(room.graph(), i % room.graph().nodeCount(), 10_000 + i, 5_000 + i,
                            ScenarioContext.ANSWER_TIMEOUT));
            List<Metric> metrics = metrics(room, warmUp, loop.accepted(), loop.rejected(), loop.elapsedNanos(),
                    loop.latency());
            return finish(metrics, loop.meter(), loop.accepted(), "sync", room.violations(), notes, null);
        }
    }

    /**
     * The figures every full-snapshot sync scenario reports before CPU and memory, in table order.
     *
     * @param warmUp       unmeasured warm-up edits
     * @param accepted     accepted syncs in the measured part
     * @param rejected     {@code version_mismatch} answers in the measured part
     * @param elapsedNanos duration of the measured part
     * @param latency      latencies of accepted syncs, send to last reader
     * @return the metrics, a list that can be added to
     */
    static List<Metric> metrics(Room<SyncWriter> room, int warmUp, long accepted, long rejected, long elapsedNanos,
                                LatencyRecorder latency) {
        LatencyRecorder.LatencyStats stats = latency.stats();
        return new ArrayList<>(List.of(
                Metric.count("readers", room.readers().size()), Metric.count("writers", room.writers().size()),
                Metric.of("snapshot_size", room.seedBytes() / 1024.0, "KB"), Metric.count("warmup_edits", warmUp),
                Metric.count("accepted", accepted), Metric.count("rejected", rejected),
                Metric.of("syncs_per_s", accepted / (elapsedNanos / 1e9), "1/s"),
                Metric.of("latency_mean", stats.meanMs(), "ms"), Metric.of("latency_p50", stats.p50Ms(), "ms"),
                Metric.of("latency_p99", stats.p99Ms(), "ms"), Metric.of("latency_max", stats.maxMs(), "ms")));
    }
}
