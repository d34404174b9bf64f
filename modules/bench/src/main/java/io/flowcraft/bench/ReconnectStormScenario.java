package io.flowcraft.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code reconnect-storm}: 100 patch clients of a 1,000-node graph lose their connections at once
 * (dropped without a close handshake), a writer makes 10 edits meanwhile, and all of them reconnect
 * at the same moment with {@code ?protocol=2&since=V}, V being the version they hold. A trial's
 * figure is the time from the start of the reconnect burst until every client holds the current
 * version again; each client must receive exactly the missed versions, in order, as
 * {@code graph_patch}es (a snapshot counts as a violation: the history still has them). Trials are
 * repeated after an unmeasured warm-up; join-100 measures the same burst with full snapshots.
 */
final class ReconnectStormScenario extends BenchScenario {

    private static final long SETTLE_MILLIS = 300;

    ReconnectStormScenario() {
        super("reconnect-storm", "100 patch clients drop and reconnect at once with since=V after 10 edits; "
                + "time until all are back on the current version");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int clients = o.pick(o.readers(), 100, 20);
        int missed = o.pick(o.edits(), 10, 5);
        int trials = o.quick() ? 2 : 5;
        int nodes = o.pick(o.nodes(), 1000, 1000);
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();
        LatencyRecorder all = new LatencyRecorder();
        LatencyRecorder perClient = new LatencyRecorder();
        ResourceMeter meter;
        int done = 0;
        try (Room<PatchWriter> room = Room.openPatch(ctx, name(), nodes, 1, clients)) {
            PatchWriter writer = room.writers().getFirst();
            URI uri = ctx.graphUri(room.graphId());
            ReaderGroup group = room.readers();
            long version = room.baseVersion();
            version = dropAndEdit(group, writer, missed); // warm-up
            group = resync(ctx, uri, clients, room.baseVersion(), version, violations);
            meter = ResourceMeter.start(ctx);
            meter.stop();
            long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
            try {
                for (int t = 0; t < trials; t++) {
                    if (System.nanoTime() > deadline) {
                        notes.add(timeLimitNote(ctx, t, "trials"));
                        break;
                    }
                    Thread.sleep(SETTLE_MILLIS);
                    long since = version;
                    version = dropAndEdit(group, writer, missed);
                    meter.resume();
                    long start = System.nanoTime();
                    group = resync(ctx, uri, clients, since, version, violations);
                    long last = group.tracker().lastArrival(version).orElse(Long.MAX_VALUE);
                    meter.stop();
                    all.record(last - start);
                    for (long nanos : group.lastNanos()) {
                        perClient.record(nanos - start);
                    }
                    done++;
                }
                group.checkFinal(version, ScenarioContext.ANSWER_TIMEOUT);
            } finally {
                group.close();
            }
        }
        List<Metric> metrics = new ArrayList<>(List.of(Metric.count("clients", clients),
                Metric.count("missed_versions", missed), Metric.count("trials", done)));
        LatencyRecorder.LatencyStats a = all.stats();
        metrics.add(Metric.of("resync_all_p50", a.p50Ms(), "ms"));
        metrics.add(Metric.of("resync_all_max", a.maxMs(), "ms"));
        LatencyRecorder.LatencyStats c = perClient.stats();
        metrics.add(Metric.of("resync_client_p50", c.p50Ms(), "ms"));
        metrics.add(Metric.of("resync_client_p99", c.p99Ms(), "ms"));
        notes.add("resync = start of the reconnect burst -> the client (all: the last one) holds the current version; "
                + "the edits happen while the clients are away, outside the timing");
        return finish(metrics, meter, (long) done * clients, "reconnect", violations, notes, null);
    }

    /**
     * Drops every client of {@code group} and has {@code writer} make {@code missed} edits
     * meanwhile; returns the version after them.
     */
    private static long dropAndEdit(ReaderGroup group, PatchWriter writer, int missed)
            throws BenchException, InterruptedException {
        group.abort();
        for (int i = 0; i < missed; i++) {
            String ops = Frames.ops(Frames.moveNode(GraphGenerator.nodeId(i), 20_000 + i, 7_000 + i));
            if (!writer.patch(writer.version(), ops, ScenarioContext.ANSWER_TIMEOUT).accepted()) {
                throw new BenchException("the writer's edit on version " + writer.version() + " was rejected");
            }
        }
        return writer.version();
    }

    /**
     * Reconnects {@code clients} clients holding {@code since} all at once and waits until every one
     * holds {@code current}.
     *
     * @return the reconnected clients
     * @throws BenchException when they cannot connect or do not catch up in time
     */
    private static ReaderGroup resync(ScenarioContext ctx, URI uri, int clients, long since, long current,
                                      Violations violations) throws BenchException, InterruptedException {
        ReaderGroup resumed = ReaderGroup.resume(ctx.clients(), uri, clients, since, violations,
                ScenarioContext.CONNECT_TIMEOUT);
        try {
            resumed.tracker().awaitAll(current, ScenarioContext.ANSWER_TIMEOUT);
        } catch (TimeoutException e) {
            int behind = clients - resumed.tracker().count(current);
            resumed.close();
            throw new BenchException(behind + " of " + clients + " reconnected clients did not reach version "
                    + current + " within " + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s");
        }
        return resumed;
    }
}
