package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code patch-edit}: one patch writer edits a 1,000-node graph with {@code patch_graph} requests
 * (each moves one node: about 130 bytes with the envelope) in a closed loop while 100 patch readers
 * ({@code ?protocol=2}) watch; the next edit is sent only once every reader has received the
 * previous version as a {@code graph_patch}. Measures edits per second, latency from the writer's
 * send to the last reader's receipt (target p99 at most {@value #TARGET_P99_MS} ms), server CPU per
 * edit and server memory, and checks that every reader sees every version once, in order, as a patch.
 */
final class PatchEditScenario implements Scenario {

    /** The goal for the p99 of the send-to-last-reader latency, in ms. */
    static final double TARGET_P99_MS = 5;

    @Override
    public String name() {
        return "patch-edit";
    }

    @Override
    public String description() {
        return "1 patch writer, closed loop of one-node moves, patch readers receive every version";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 100, 10);
        int edits = o.pick(o.edits(), 1000, 50);
        int nodes = o.pick(o.nodes(), 1000, 1000);
        List<String> notes = new ArrayList<>();
        try (PatchRoom room = PatchRoom.open(ctx, name(), nodes, 1, readerCount)) {
            int warmUp = o.quick() ? 10 : 200;
            long expected = room.warmUp(warmUp);
            PatchWriter writer = room.writers().get(0);
            LatencyRecorder latency = new LatencyRecorder();
            long accepted = 0;
            long rejected = 0;
            long sentBytes = 0;
            ResourceMeter meter = ResourceMeter.start(ctx);
            long start = System.nanoTime();
            long deadline = start + ctx.timeLimit().toNanos();
            for (int i = 0; i < edits; i++) {
                if (System.nanoTime() > deadline) {
                    notes.add("time limit of " + o.timeLimit() + " s reached after " + i + " edits");
                    break;
                }
                String ops = Frames.ops(Frames.moveNode(GraphGenerator.nodeId(i % room.graph().nodeCount()),
                        10_000 + i, 5_000 + i));
                long base = writer.version();
                sentBytes += Frames.patchGraph(base, ops, writer.name() + "-" + (warmUp + i + 1)).length();
                PatchWriter.Outcome outcome = writer.patch(base, ops, ScenarioContext.ANSWER_TIMEOUT);
                if (!outcome.accepted()) {
                    rejected++;
                    room.violations().add("the only writer's patch on version " + base
                            + " was rejected: server version " + outcome.version());
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

            List<Metric> metrics = new ArrayList<>(List.of(
                    Metric.count("readers", room.readers().size()),
                    Metric.of("graph_size", room.seedBytes() / 1024.0, "KB"),
                    new Metric("patch_size", accepted + rejected > 0 ? (double) sentBytes / (accepted + rejected)
                            : Double.NaN, "B", 0),
                    Metric.count("warmup_edits", warmUp), Metric.count("accepted", accepted),
                    Metric.count("rejected", rejected),
                    Metric.of("edits_per_s", accepted / (elapsed / 1e9), "1/s")));
            metrics.addAll(latency.stats().metrics("latency", "p99", TARGET_P99_MS));
            metrics.addAll(meter.metrics(accepted, "edit"));
            notes.addAll(meter.notes());
            metrics.add(Metric.count("violations", room.violations().count()));
            notes.addAll(room.violations().descriptions());
            return new ScenarioResult(name(), metrics, room.violations().count(), notes, null);
        }
    }
}
