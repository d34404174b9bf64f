package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code patch-edit}: one patch writer edits a 1,000-node graph with {@code patch_graph} requests
 * (each moves one node: about 130 bytes with the envelope) in a closed loop while 100 patch readers
 * ({@code ?protocol=2}) watch; the next edit is sent only once every reader has received the
 * previous version as a {@code graph_patch}. Measures edits per second, latency from the writer's
 * send to the last reader's receipt (target p99 at most {@value #TARGET_P99_MS} ms), server CPU per
 * edit and server memory, and checks that every reader sees every version once, in order, as a patch.
 */
final class PatchEditScenario extends BenchScenario {

    /** The goal for the p99 of the send-to-last-reader latency, in ms. */
    static final double TARGET_P99_MS = 5;

    PatchEditScenario() {
        super("patch-edit", "1 patch writer, closed loop of one-node moves, patch readers receive every version");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 100, 10);
        int edits = o.pick(o.edits(), 1000, 50);
        int nodes = o.pick(o.nodes(), 1000, 1000);
        List<String> notes = new ArrayList<>();
        try (Room<PatchWriter> room = Room.openPatch(ctx, name(), nodes, 1, readerCount)) {
            int warmUp = o.quick() ? 10 : 200;
            long version = room.warmUp(warmUp);
            PatchWriter writer = room.writers().get(0);
            long[] sentBytes = {0};
            ClosedLoop loop = ClosedLoop.run(ctx, room, version, edits, notes, i -> {
                String ops = Frames.ops(Frames.moveNode(GraphGenerator.nodeId(i % room.graph().nodeCount()),
                        10_000 + i, 5_000 + i));
                long base = writer.version();
                sentBytes[0] += Frames.patchGraph(base, ops, writer.name() + "-" + (warmUp + i + 1)).length();
                return writer.patch(base, ops, ScenarioContext.ANSWER_TIMEOUT);
            });
            long sent = loop.accepted() + loop.rejected();
            List<Metric> metrics = new ArrayList<>(List.of(
                    Metric.count("readers", room.readers().size()),
                    Metric.of("graph_size", room.seedBytes() / 1024.0, "KB"),
                    new Metric("patch_size", sent > 0 ? (double) sentBytes[0] / sent : Double.NaN, "B", 0),
                    Metric.count("warmup_edits", warmUp), Metric.count("accepted", loop.accepted()),
                    Metric.count("rejected", loop.rejected()),
                    Metric.of("edits_per_s", loop.accepted() / (loop.elapsedNanos() / 1e9), "1/s")));
            metrics.addAll(loop.latency().stats().metrics("latency", "p99", TARGET_P99_MS));
            return finish(metrics, loop.meter(), loop.accepted(), "edit", room.violations(), notes, null);
        }
    }
}
