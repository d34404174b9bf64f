package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code snapshot-10hz}: the legacy protocol under a steady editing pace. One writer sends full
 * {@code sync_graph} snapshots of a 1,000-node graph (about 216 KB, in 64 KB fragments by default)
 * at {@value #RATE} edits per second, open loop, for about ten seconds, while 100 legacy readers
 * receive every version as a snapshot. Each edit is sent when its slot is due ({@link Pacer}),
 * without waiting for the readers; latency runs from the slot's due time to the last reader's
 * receipt (target p99 at most {@value #TARGET_P99_MS} ms). Also reports server CPU per edit and
 * memory, and checks that every reader sees every version once, in order.
 */
final class SnapshotPacedScenario extends BenchScenario {

    /** Edits per second. */
    static final double RATE = 10;

    /** The goal for the p99 of the due-time-to-last-reader latency, in ms. */
    static final double TARGET_P99_MS = 23;

    SnapshotPacedScenario() {
        super("snapshot-10hz", "1 writer, full-snapshot edits paced at 10/s (open loop), legacy readers receive every version");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 100, 10);
        int edits = o.pick(o.edits(), 100, 20);
        List<String> notes = new ArrayList<>();
        try (Room<SyncWriter> room = Room.openSync(ctx, name(), 1, readerCount)) {
            int warmUp = o.quick() ? 3 : 20;
            long expected = room.warmUp(warmUp);
            SyncWriter writer = room.writers().get(0);
            Map<Long, Long> dueByVersion = new TreeMap<>();
            long accepted = 0;
            long rejected = 0;
            long late = 0;
            long maxLag = 0;
            ResourceMeter meter = ResourceMeter.start(ctx);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
            Pacer pacer = Pacer.perSecond(start, RATE);
            long deadline = start + ctx.timeLimit().toNanos();
            int slots = Math.min(edits, pacer.slotsWithin(ctx.timeLimit().toNanos()));
            if (slots < edits) {
                notes.add("time limit of " + o.timeLimit() + " s allows " + slots + " of " + edits + " edits at "
                        + (int) RATE + "/s");
            }
            for (int i = 0; i < slots && System.nanoTime() < deadline; i++) {
                long lag = pacer.awaitSlot(i);
                maxLag = Math.max(maxLag, lag);
                if (lag > pacer.periodNanos() / 10) {
                    late++;
                }
                SyncWriter.Outcome outcome = writer.move(room.graph(), i % room.graph().nodeCount(), 30_000 + i,
                        7_000 + i, ScenarioContext.ANSWER_TIMEOUT);
                if (!outcome.accepted()) {
                    rejected++;
                    room.violations().add("the only writer was rejected: server version " + outcome.version());
                    continue;
                }
                accepted++;
                expected = outcome.version();
                dueByVersion.put(outcome.version(), pacer.due(i));
            }
            long end;
            try {
                end = room.readers().tracker().awaitAll(expected, ScenarioContext.ANSWER_TIMEOUT);
            } catch (TimeoutException e) {
                end = System.nanoTime();
                room.violations().add(room.shortfall(expected));
            }
            meter.stop();
            room.readers().checkFinal(expected, ScenarioContext.ANSWER_TIMEOUT);

            LatencyRecorder latency = new LatencyRecorder();
            dueByVersion.forEach((version, due) ->
                    room.readers().tracker().lastArrival(version).ifPresent(last -> latency.record(last - due)));
            List<Metric> metrics = new ArrayList<>(List.of(
                    Metric.count("readers", room.readers().size()),
                    Metric.of("snapshot_size", room.seedBytes() / 1024.0, "KB"),
                    Metric.count("warmup_edits", warmUp), Metric.count("accepted", accepted),
                    Metric.count("rejected", rejected),
                    Metric.of("edits_per_s", accepted / ((end - start) / 1e9), "1/s"),
                    Metric.count("late_sends", late),
                    Metric.of("send_lag_max", maxLag / 1e6, "ms")));
            metrics.addAll(latency.stats().metrics("latency", "p99", TARGET_P99_MS));
            return finish(metrics, meter, accepted, "edit", room.violations(), notes, null);
        }
    }
}
