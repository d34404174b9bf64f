package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code sync-10w}: ten writers contend on a 1,000-node graph watched by 100 readers. Each writer
 * keeps sending a full {@code sync_graph} with the latest version it has seen; exactly one request
 * per version may win, the others get {@code version_mismatch}, adopt the returned version and retry.
 * Measures accepted syncs per second, rejections, latency of accepted syncs (winner's send to the last
 * reader's receipt), server CPU per accepted sync and memory, and checks the invariants: one winner
 * per version, every reader sees every version once and in order, all readers end on the same version.
 */
final class SyncContentionScenario extends BenchScenario {

    private static final int WRITERS = 10;

    SyncContentionScenario() {
        super("sync-10w", "10 contending writers, one winner per version, readers receive every version");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 100, 10);
        int rounds = o.pick(o.rounds(), 100, 20);
        List<String> notes = new ArrayList<>();
        try (Room<SyncWriter> room = Room.openSync(ctx, name(), WRITERS, readerCount)) {
            int warmUp = o.quick() ? 3 : 20;
            long startVersion = room.warmUp(warmUp);
            Map<Long, Long> winnerSend = new ConcurrentHashMap<>();
            Map<Long, Integer> wins = new ConcurrentHashMap<>();
            AtomicLong accepted = new AtomicLong();
            AtomicLong rejected = new AtomicLong();
            AtomicReference<String> failure = new AtomicReference<>();
            ResourceMeter meter = ResourceMeter.start(ctx);
            long start = System.nanoTime();
            long deadline = start + ctx.timeLimit().toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < WRITERS; k++) {
                SyncWriter writer = room.writers().get(k);
                int moved = k % room.graph().nodeCount();
                threads.add(Thread.ofPlatform().daemon().name("bench-writer-" + k).start(() -> {
                    try {
                        for (int i = 0; accepted.get() < rounds && System.nanoTime() < deadline
                                && failure.get() == null; i++) {
                            SyncWriter.Outcome out = writer.move(room.graph(), moved, 20_000 + i, moved * 100,
                                    ScenarioContext.ANSWER_TIMEOUT);
                            if (out.accepted()) {
                                wins.merge(out.version(), 1, Integer::sum);
                                winnerSend.put(out.version(), out.sendNanos());
                                accepted.incrementAndGet();
                            } else {
                                rejected.incrementAndGet();
                            }
                        }
                    } catch (BenchException | RuntimeException e) {
                        failure.compareAndSet(null, e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            long joinUntil = deadline + 2 * ScenarioContext.ANSWER_TIMEOUT.toNanos();
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinUntil - System.nanoTime())));
            }
            if (threads.stream().anyMatch(Thread::isAlive)) {
                failure.compareAndSet(null, "writers did not stop in time");
            }
            if (System.nanoTime() > deadline && accepted.get() < rounds) {
                notes.add(timeLimitNote(ctx, accepted.get(), "accepted syncs"));
            }
            long finalVersion = winnerSend.keySet().stream().mapToLong(Long::longValue).max().orElse(startVersion);
            room.readers().checkFinal(finalVersion, ScenarioContext.ANSWER_TIMEOUT);
            long elapsed = room.readers().tracker().lastArrival(finalVersion).orElse(System.nanoTime()) - start;
            meter.stop();
            checkOneWinnerPerVersion(room, wins, startVersion, finalVersion);

            LatencyRecorder latency = new LatencyRecorder();
            winnerSend.forEach((version, sent) -> {
                room.readers().tracker().lastArrival(version).ifPresent(last -> latency.record(last - sent));
            });
            List<Metric> metrics = SyncOneWriterScenario.metrics(room, warmUp, accepted.get(), rejected.get(), elapsed,
                    latency);
            return finish(metrics, meter, accepted.get(), "sync", room.violations(), notes, failure.get());
        }
    }

    /** Every version after the start up to the last must have exactly one winning writer. */
    private static void checkOneWinnerPerVersion(Room<SyncWriter> room, Map<Long, Integer> wins, long startVersion,
                                                 long finalVersion) {
        for (long v = startVersion + 1; v <= finalVersion; v++) {
            int n = wins.getOrDefault(v, 0);
            if (n != 1) {
                room.violations().add("version " + v + " was won by " + n + " writers (expected exactly 1)");
            }
        }
    }
}
