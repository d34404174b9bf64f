package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code sync-1w}: one writer edits a 1,000-node graph with full {@code sync_graph} snapshots in a
 * closed loop while 100 readers watch. Each edit moves one node; the next edit is sent only once
 * every reader has received the previous version. Measures accepted syncs per second, broadcast
 * latency (writer's send to the last reader's receipt), server CPU per sync and server memory, and
 * checks that every reader sees every version once, in order.
 */
final class SyncOneWriterScenario implements Scenario {

    @Override
    public String name() {
        return "sync-1w";
    }

    @Override
    public String description() {
        return "1 writer, closed loop of full-snapshot edits, readers receive every version";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 100, 10);
        int edits = o.pick(o.edits(), 200, 20);
        List<String> notes = new ArrayList<>();
        try (SyncRoom room = SyncRoom.open(ctx, name(), 1, readerCount)) {
            int warmUp = o.quick() ? 3 : 20;
            long expected = room.warmUp(warmUp);
            SyncWriter writer = room.writers().get(0);
            LatencyRecorder latency = new LatencyRecorder();
            long accepted = 0;
            long rejected = 0;
            ResourceMeter meter = ResourceMeter.start(ctx);
            long start = System.nanoTime();
            long deadline = start + ctx.timeLimit().toNanos();
            for (int i = 0; i < edits; i++) {
                if (System.nanoTime() > deadline) {
                    notes.add("time limit of " + o.timeLimit() + " s reached after " + i + " edits");
                    break;
                }
                int moved = i % room.graph().nodeCount();
                String graph = room.graph().render(moved, 10_000 + i, 5_000 + i);
                SyncWriter.Outcome outcome = writer.sync(writer.version(), graph, ScenarioContext.ANSWER_TIMEOUT);
                if (!outcome.accepted()) {
                    rejected++;
                    room.violations().add("the only writer was rejected: server version " + outcome.version()
                            + ", writer held " + expected);
                    continue;
                }
                accepted++;
                expected = outcome.version();
                try {
                    long last = room.readers().tracker().awaitAll(outcome.version(), ScenarioContext.ANSWER_TIMEOUT);
                    latency.record(last - outcome.sendNanos());
                } catch (TimeoutException e) {
                    room.violations().add("version " + outcome.version() + " reached only "
                            + room.readers().tracker().count(outcome.version()) + " of " + readerCount
                            + " readers within " + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s");
                    break;
                }
            }
            long elapsed = System.nanoTime() - start;
            meter.stop();
            room.readers().checkFinal(expected, ScenarioContext.ANSWER_TIMEOUT);

            List<Metric> metrics = room.metrics(warmUp, accepted, rejected, elapsed, latency, meter);
            notes.addAll(meter.notes());
            notes.addAll(room.violations().descriptions());
            return new ScenarioResult(name(), metrics, room.violations().count(), notes, null);
        }
    }
}
