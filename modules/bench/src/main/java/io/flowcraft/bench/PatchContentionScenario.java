package io.flowcraft.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code patch-contention}: twenty patch writers edit a 1,000-node graph at the same moment, all on
 * the same base version, for 30 rounds, while 10 patch readers watch. Every writer moves its own node;
 * every fourth one also moves one shared node in the same patch, so those patches conflict with one
 * another. A writer whose patch is rejected ({@code patch_rejected}) rebases on the version the
 * rejection names and retries, as a client would. A round starts when the writers are released
 * together and ends when every writer's patch has been accepted; the figures are the round times
 * (target p99 at most {@value #TARGET_P99_MS} ms), the rejections and the server's CPU per accepted
 * patch.
 *
 * <p>Invariants checked: every writer's intent is accepted exactly once per round, as exactly one new
 * version (every version after the start has exactly one writer); a writer that touches only its own
 * node is never rejected (nothing accepted since its base touched that node); every reader receives
 * every version once, in order, as a {@code graph_patch}; and every reader ends on the server's
 * final version, read by a fresh connection at the end, which must equal the start version plus the
 * number of accepted patches.
 */
final class PatchContentionScenario extends BenchScenario {

    /** Number of writers. */
    static final int WRITERS = 20;

    /** Every {@code SHARE_EVERY}-th writer (0, 4, 8, ...) also moves the shared node. */
    static final int SHARE_EVERY = 4;

    /** The goal for the p99 of a round's duration, in ms. */
    static final double TARGET_P99_MS = 64;

    private static final int MAX_ATTEMPTS = 50;
    private static final String SHARED_NODE = GraphGenerator.nodeId(0);

    /**
     * What one writer did in one round.
     *
     * @param firstSend    when its first attempt was sent
     * @param acceptedAt   when the accepting {@code graph_patch} arrived
     * @param version      the version its patch became
     * @param rejections   how many attempts were rejected before that
     */
    record Intent(long firstSend, long acceptedAt, long version, int rejections) {
    }

    PatchContentionScenario() {
        super("patch-contention", WRITERS + " patch writers per round on one base version, some moving a shared node; "
                + "rebase and retry on patch_rejected");
    }

    /** Whether writer {@code k} also moves the shared node. */
    static boolean sharesNode(int k) {
        return k % SHARE_EVERY == 0;
    }

    /** The operations of writer {@code k} in round {@code round}: its own node, and the shared one for some. */
    static String intent(int k, int round) {
        String own = Frames.moveNode(GraphGenerator.nodeId(k + 1), 50_000 + round * 10 + k, 900 + round);
        return sharesNode(k) ? Frames.ops(own, Frames.moveNode(SHARED_NODE, 60_000 + k, round)) : Frames.ops(own);
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int readerCount = o.pick(o.readers(), 10, 5);
        int rounds = o.pick(o.rounds(), 30, 5);
        int nodes = Math.max(WRITERS + 1, o.pick(o.nodes(), 1000, 1000));
        List<String> notes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS,
                Thread.ofPlatform().daemon().name("bench-patch-writer-", 0).factory());
        try (Room<PatchWriter> room = Room.openPatch(ctx, name(), nodes, WRITERS, readerCount)) {
            int warmUp = o.quick() ? 10 : 100;
            long startVersion = room.warmUp(warmUp);
            Map<Long, Integer> wins = new ConcurrentHashMap<>();
            LatencyRecorder roundTimes = new LatencyRecorder();
            LatencyRecorder intentTimes = new LatencyRecorder();
            long accepted = 0;
            long rejected = 0;
            long sharedRejected = 0;
            String failure = null;
            long base = startVersion;
            ResourceMeter meter = ResourceMeter.start(ctx);
            long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
            int round = 0;
            for (; round < rounds && failure == null; round++) {
                if (System.nanoTime() > deadline) {
                    notes.add(timeLimitNote(ctx, round, "rounds"));
                    break;
                }
                if (!room.awaitWriters(base, System.nanoTime() + ScenarioContext.ANSWER_TIMEOUT.toNanos())) {
                    failure = "round " + round + ": not every writer received version " + base + " in time";
                    break;
                }
                List<Intent> intents = new ArrayList<>();
                failure = playRound(room, pool, round, base, intents);
                if (failure != null) {
                    break;
                }
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                for (int k = 0; k < WRITERS; k++) {
                    Intent in = intents.get(k);
                    first = Math.min(first, in.firstSend());
                    last = Math.max(last, in.acceptedAt());
                    intentTimes.record(in.acceptedAt() - in.firstSend());
                    wins.merge(in.version(), 1, Integer::sum);
                    accepted++;
                    rejected += in.rejections();
                    if (sharesNode(k)) {
                        sharedRejected += in.rejections();
                    } else if (in.rejections() > 0) {
                        room.violations().add("round " + round + ": writer w" + k + " moves only its own node but "
                                + "was rejected " + in.rejections() + " time(s)");
                    }
                }
                roundTimes.record(last - first);
                base = intents.stream().mapToLong(Intent::version).max().orElse(base);
                try {
                    room.readers().tracker().awaitAll(base, ScenarioContext.ANSWER_TIMEOUT);
                } catch (TimeoutException e) {
                    room.violations().add(room.shortfall(base));
                    break;
                }
            }
            meter.stop();
            long finalVersion = serverVersion(ctx, room.graphId());
            if (finalVersion != startVersion + accepted) {
                room.violations().add("the server ended on version " + finalVersion + " after " + accepted
                        + " accepted patches from version " + startVersion + " (expected "
                        + (startVersion + accepted) + ")");
            }
            room.readers().checkFinal(finalVersion, ScenarioContext.ANSWER_TIMEOUT);
            for (long v = startVersion + 1; v <= startVersion + accepted; v++) {
                int n = wins.getOrDefault(v, 0);
                if (n != 1) {
                    room.violations().add("version " + v + " was the accepted patch of " + n
                            + " writers (expected exactly 1)");
                }
            }

            List<Metric> metrics = new ArrayList<>(List.of(
                    Metric.count("writers", WRITERS),
                    Metric.count("shared_node_writers", (WRITERS + SHARE_EVERY - 1) / SHARE_EVERY),
                    Metric.count("readers", room.readers().size()),
                    Metric.count("rounds", roundTimes.count()),
                    Metric.count("accepted", accepted),
                    Metric.count("rejected", rejected),
                    Metric.of("rejected_per_round", roundTimes.count() > 0
                            ? (double) rejected / roundTimes.count() : Double.NaN, "count"),
                    Metric.count("rejected_own_node_only", rejected - sharedRejected)));
            metrics.addAll(roundTimes.stats().metrics("round_time", "p99", TARGET_P99_MS));
            LatencyRecorder.LatencyStats intentStats = intentTimes.stats();
            metrics.add(Metric.of("intent_p50", intentStats.p50Ms(), "ms"));
            metrics.add(Metric.of("intent_p99", intentStats.p99Ms(), "ms"));
            return finish(metrics, meter, accepted, "edit", room.violations(), notes, failure);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Releases every writer at once on version {@code base} and waits until each one's patch has been
     * accepted (rebasing on rejections).
     *
     * @param intents receives each writer's result, in writer order
     * @return {@code null}, or why the round failed
     */
    private static String playRound(Room<PatchWriter> room, ExecutorService pool, int round, long base, List<Intent> intents)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Intent>> futures = new ArrayList<>();
        for (int k = 0; k < WRITERS; k++) {
            PatchWriter writer = room.writers().get(k);
            String ops = intent(k, round);
            futures.add(pool.submit(() -> {
                ready.countDown();
                if (!go.await(ScenarioContext.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new BenchException("the round was not started");
                }
                return apply(writer, base, ops);
            }));
        }
        if (!ready.await(ScenarioContext.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            futures.forEach(f -> f.cancel(true));
            return "round " + round + ": the writer threads did not start in time";
        }
        go.countDown();
        long until = System.nanoTime() + 3 * ScenarioContext.ANSWER_TIMEOUT.toNanos();
        try {
            for (Future<Intent> f : futures) {
                intents.add(f.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return null;
        } catch (ExecutionException e) {
            return "round " + round + ": " + BenchException.describe(e);
        } catch (TimeoutException e) {
            return "round " + round + ": the writers did not finish within "
                    + Duration.ofNanos(3 * ScenarioContext.ANSWER_TIMEOUT.toNanos()).toSeconds() + " s";
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    /** Sends one intent on {@code base}, rebasing on the current version after each rejection. */
    private static Intent apply(PatchWriter writer, long base, String ops) throws BenchException, InterruptedException {
        long firstSend = -1;
        long b = base;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PatchWriter.Outcome out = writer.patch(b, ops, ScenarioContext.ANSWER_TIMEOUT);
            if (firstSend < 0) {
                firstSend = out.sendNanos();
            }
            if (out.accepted()) {
                return new Intent(firstSend, out.answerNanos(), out.version(), attempt);
            }
            b = out.version();
        }
        throw new BenchException(writer.name() + ": patch still rejected after " + MAX_ATTEMPTS + " attempts");
    }

    /** The graph's current version, as the initial snapshot of a fresh connection reports it. */
    static long serverVersion(ScenarioContext ctx, String graphId) throws BenchException, InterruptedException {
        try (ReaderGroup probe = ReaderGroup.connect(ctx.clients(), ctx.graphUri(graphId), 1, new Violations(),
                ScenarioContext.CONNECT_TIMEOUT)) {
            return probe.initialVersions()[0];
        }
    }
}
