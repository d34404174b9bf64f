package io.flowcraft.bench;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The measured part of a closed-loop scenario: the room's only writer makes one edit at a time,
 * and the next edit is sent only once every reader has received the previous version. Latency runs
 * from the writer's send to the last reader's receipt; server CPU and memory are metered over the
 * loop; at the end every reader must hold the last version.
 *
 * @param accepted     accepted edits
 * @param rejected     rejected edits (each is a violation: the writer is alone)
 * @param lastVersion  the version of the last accepted edit (the warm-up's when none was)
 * @param elapsedNanos duration of the loop
 * @param latency      latencies of accepted edits, send to last reader
 * @param meter        CPU and memory over the loop
 */
record ClosedLoop(long accepted, long rejected, long lastVersion, long elapsedNanos, LatencyRecorder latency,
                  ResourceMeter meter) {

    /** Sends the {@code i}-th measured edit and waits for its answer. */
    @FunctionalInterface
    interface Edit {
        CorrelatedWriter.Answer send(int i) throws BenchException, InterruptedException;
    }

    /**
     * Runs up to {@code edits} edits, bounded by {@code --time-limit} (noted in {@code notes}).
     *
     * @param room    the graph, the writer and the readers
     * @param version the version every client holds before the loop
     * @throws BenchException when an edit is not answered
     */
    static ClosedLoop run(ScenarioContext ctx, Room<?> room, long version, int edits, List<String> notes, Edit edit)
            throws BenchException, InterruptedException {
        LatencyRecorder latency = new LatencyRecorder();
        long expected = version;
        long accepted = 0;
        long rejected = 0;
        ResourceMeter meter = ResourceMeter.start(ctx);
        long start = System.nanoTime();
        long deadline = start + ctx.timeLimit().toNanos();
        for (int i = 0; i < edits; i++) {
            if (System.nanoTime() > deadline) {
                notes.add(BenchScenario.timeLimitNote(ctx, i, "edits"));
                break;
            }
            CorrelatedWriter.Answer outcome = edit.send(i);
            if (!outcome.accepted()) {
                rejected++;
                room.violations().add("the only writer's edit on version " + expected + " was rejected: server version "
                        + outcome.version());
                continue;
            }
            accepted++;
            expected = outcome.version();
            try {
                long last = room.readers().tracker().awaitAll(outcome.version(), ScenarioContext.ANSWER_TIMEOUT);
                latency.record(last - outcome.sendNanos());
            } catch (TimeoutException e) {
                room.violations().add(room.shortfall(outcome.version()));
                break;
            }
        }
        long elapsed = System.nanoTime() - start;
        meter.stop();
        room.readers().checkFinal(expected, ScenarioContext.ANSWER_TIMEOUT);
        return new ClosedLoop(accepted, rejected, expected, elapsed, latency, meter);
    }
}
