package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pure parts added for the delta-sync scenarios: messages, targets, pacing, reader checks, patch answers. */
class DeltaSyncPartsTest {

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static Frame frame(String type, long version, String correlationId) {
        return new Frame(type, version, correlationId, null, null, 100 + version, null);
    }

    @Test
    void patchGraphIsASmallValidRequest() {
        String ops = Frames.ops(Frames.moveNode("n5", 10_001, -3));
        String message = Frames.patchGraph(1234, ops, "w0-17");
        JsonObject m = parse(message);
        assertEquals("patch_graph", m.getString("type"));
        assertEquals("w0-17", m.getString("correlationId"));
        assertEquals(1234, m.getJsonObject("payload").getInt("baseVersion"));
        JsonObject op = m.getJsonObject("payload").getJsonArray("ops").getJsonObject(0);
        assertEquals("update_node", op.getString("op"));
        assertEquals("n5", op.getString("id"));
        assertEquals(10_001, op.getJsonObject("position").getInt("x"));
        assertEquals(-3, op.getJsonObject("position").getInt("y"));
        assertTrue(message.length() < 160, message.length() + " bytes: " + message);
        assertEquals("[]", Frames.ops());
        assertEquals("\"a\\\"b\"", parse(Frames.moveNode("a\"b", 0, 0)).get("id").toString(), "ids are escaped");
    }

    @Test
    void scansGraphPatchAndPatchRejectedAsTheServerWritesThem() {
        Frame patch = FrameScan.scan("{\"type\":\"graph_patch\",\"payload\":{\"version\":57,\"ops\":[{\"op\":"
                + "\"update_node\",\"id\":\"n1\",\"position\":{\"x\":1,\"y\":2}}],\"author\":\"c12\"},"
                + "\"correlationId\":\"w3-9\",\"timestamp\":\"2026-01-01T00:00:00Z\"}", true, 5);
        assertTrue(patch.isPatch());
        assertFalse(patch.isSnapshot());
        assertEquals(57, patch.version());
        assertEquals("w3-9", patch.correlationId());

        Frame rejected = FrameScan.scan("{\"type\":\"patch_rejected\",\"payload\":{\"baseVersion\":50,\"version\":58,"
                + "\"conflicts\":[{\"id\":\"n0\",\"field\":\"position\"}],\"ops\":[{\"op\":\"update_node\",\"id\":\"n0\","
                + "\"position\":{\"x\":1,\"y\":2}}]},\"correlationId\":\"w4-2\",\"timestamp\":\"t\"}", true, 5);
        assertTrue(rejected.isPatchRejected());
        assertFalse(rejected.isPatch());
        assertEquals(58, rejected.version(), "the current version, not baseVersion");
        assertEquals("w4-2", rejected.correlationId());
    }

    @Test
    void patchReaderAcceptsConsecutivePatchesOnly() {
        Violations violations = new Violations();
        VersionTracker tracker = new VersionTracker(1);
        SyncReader r = new SyncReader("p", tracker, violations, true);
        r.onFrame(frame("graph_patch", 3, null)); // before the initial snapshot
        assertEquals(1, violations.count());
        r.onFrame(frame("sync_graph", 10, null));
        assertEquals(110, r.initialNanos());
        r.onFrame(frame("hello", -1, null));
        r.onFrame(frame("graph_patch", 11, "x"));
        r.onFrame(frame("graph_patch", 12, null));
        assertEquals(1, violations.count());
        assertEquals(112, tracker.lastArrival(12).getAsLong());
        r.onFrame(frame("sync_graph", 13, null)); // a snapshot instead of a patch
        r.onFrame(frame("graph_patch", 15, null)); // a gap
        r.onFrame(frame("patch_rejected", 15, null)); // never for a passive reader
        assertEquals(4, violations.count(), violations.descriptions().toString());
        assertEquals(15, r.version());
        assertTrue(violations.descriptions().get(1).contains("instead of a graph_patch"), violations.descriptions().toString());
    }

    @Test
    void legacyReaderMustNotReceivePatches() {
        Violations violations = new Violations();
        SyncReader r = new SyncReader("l", new VersionTracker(1), violations);
        r.onFrame(frame("sync_graph", 1, null));
        r.onFrame(frame("sync_graph", 2, null));
        assertEquals(0, violations.count());
        r.onFrame(frame("graph_patch", 3, null));
        assertEquals(1, violations.count());
        assertTrue(violations.descriptions().get(0).contains("legacy reader"), violations.descriptions().toString());
        assertEquals(3, r.version());
    }

    @Test
    void targetsArePrintedWithPassOrFailAndNeverFailTheRun() {
        Metric fast = Metric.of("latency_p99", 3.2, "ms").atMost(5);
        Metric slow = Metric.of("latency_p99", 7.5, "ms").atMost(5);
        Metric edge = Metric.of("load_p50", 25, "ms").atMost(25);
        Metric rate = Metric.of("edits_per_s", 8, "1/s").atLeast(10);
        Metric unknown = Metric.of("latency_p99", Double.NaN, "ms").atMost(0.5);
        assertEquals(Boolean.TRUE, fast.targetMet());
        assertEquals(Boolean.FALSE, slow.targetMet());
        assertEquals(Boolean.TRUE, edge.targetMet(), "the limit itself meets the target");
        assertEquals(Boolean.FALSE, rate.targetMet());
        assertNull(unknown.targetMet());
        assertNull(Metric.count("accepted", 3).targetMet());
        assertEquals("<= 5 pass", ResultTable.target(fast));
        assertEquals("<= 5 FAIL", ResultTable.target(slow));
        assertEquals(">= 10 FAIL", ResultTable.target(rate));
        assertEquals("<= 0.5 n/a", ResultTable.target(unknown));
        assertEquals("", ResultTable.target(Metric.count("accepted", 3)));

        ScenarioResult result = new ScenarioResult("patch-edit", List.of(Metric.count("accepted", 3), fast, slow),
                0, List.of(), null);
        assertTrue(result.ok(), "a missed target is not a failure");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ResultTable.print(out, List.of(result));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.lines().findFirst().orElseThrow().endsWith("TARGET"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("patch-edit +latency_p99 +3\\.20 +ms +<= 5 pass")), table);
        assertTrue(table.contains("# targets (goals, not assertions): 1 of 2 met; missed: patch-edit latency_p99 "
                + "(7.50 ms, target <= 5)"), table);
        assertNull(ResultTable.targetSummary(List.of(new ScenarioResult("x", List.of(Metric.count("a", 1)), 0,
                List.of(), null))));

        bytes.reset();
        ResultTable.printJson(out, new MachineInfo(2, 1024, "cpu", "25"), "t", List.of(result));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        JsonObject slowJson = parse(lines.get(3));
        assertEquals(5, slowJson.getJsonObject("target").getInt("max"));
        assertFalse(slowJson.getBoolean("targetMet"));
        assertFalse(parse(lines.get(1)).containsKey("target"));
    }

    @Test
    void latencyRowsCarryTheTargetWhereAsked() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            r.record(i * 1_000_000L);
        }
        List<Metric> rows = r.stats().metrics("round_time", "p99", 64);
        assertEquals(List.of("round_time_mean", "round_time_p50", "round_time_p99", "round_time_max"),
                rows.stream().map(Metric::name).toList());
        assertNull(rows.get(1).target());
        assertEquals(Metric.Target.atMost(64), rows.get(2).target());
        assertEquals(99.0, rows.get(2).value());
        List<Metric> p50 = r.stats().metrics("load", "p50", 25);
        assertEquals(Boolean.FALSE, p50.get(1).targetMet());
        assertNull(p50.get(2).target());
        assertTrue(r.stats().metrics("x", null, 1).stream().allMatch(m -> m.target() == null));
    }

    @Test
    void cpuPerUnitIsNotAvailableBelowTheTickResolution() {
        assertEquals(2.5, ResourceMeter.perUnit(50, 10, 20));
        assertTrue(Double.isNaN(ResourceMeter.perUnit(40, 10, 20)), "4 ticks are too coarse");
        assertTrue(Double.isNaN(ResourceMeter.perUnit(0, 10, 3)));
        assertTrue(Double.isNaN(ResourceMeter.perUnit(500, 10, 0)), "no work");
        assertTrue(Double.isNaN(ResourceMeter.perUnit(Double.NaN, 10, 5)), "no readings");
    }

    @Test
    void pacerSchedulesSlotsAndMeasuresLag() throws Exception {
        Pacer p = Pacer.perSecond(1_000, 10);
        assertEquals(100_000_000, p.periodNanos());
        assertEquals(1_000, p.due(0));
        assertEquals(1_000 + 250 * 100_000_000L, p.due(250), "no int overflow");
        assertEquals(101, p.slotsWithin(10_000_000_000L));
        assertEquals(1, p.slotsWithin(0));
        assertEquals(0, p.slotsWithin(-1));
        assertEquals(0, p.lag(1, 50_000_000));
        assertEquals(5, p.lag(1, 100_001_005));
        assertThrows(IllegalArgumentException.class, () -> Pacer.perSecond(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0, 0));

        Pacer past = new Pacer(System.nanoTime() - 1_000_000_000L, 1_000_000);
        assertTrue(past.awaitSlot(0) >= 999_000_000L, "a slot long past is late by about a second");
        long start = System.nanoTime();
        Pacer soon = new Pacer(start + 20_000_000L, 1_000_000);
        assertEquals(0, soon.awaitSlot(0));
        assertTrue(System.nanoTime() - start >= 20_000_000L, "waited for the slot");
    }

    @Test
    void contentionIntentsMoveOwnNodesAndSomeTheSharedNode() {
        Set<String> own = new HashSet<>();
        int sharing = 0;
        for (int k = 0; k < PatchContentionScenario.WRITERS; k++) {
            var ops = Json.createReader(new StringReader(PatchContentionScenario.intent(k, 3))).readArray()
                    .getValuesAs(JsonObject.class);
            assertEquals("update_node", ops.get(0).getString("op"));
            String id = ops.get(0).getString("id");
            assertTrue(own.add(id), "each writer has its own node: " + id);
            assertFalse(id.equals("n0"), "no writer owns the shared node");
            if (PatchContentionScenario.sharesNode(k)) {
                sharing++;
                assertEquals(2, ops.size());
                assertEquals("n0", ops.get(1).getString("id"));
            } else {
                assertEquals(1, ops.size());
            }
        }
        assertEquals(5, sharing);
        assertFalse(PatchContentionScenario.intent(1, 3).equals(PatchContentionScenario.intent(1, 4)),
                "each round moves the node somewhere new");
    }

    @Test
    void optionsDefaultToSixtyFourKilobyteFragmentsAndAddQueryParameters() {
        assertEquals(64, BenchOptions.parse().fragmentKb());
        assertEquals(0, BenchOptions.parse("--fragment-kb", "0").fragmentKb());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fragment-kb", "-1"));
        assertEquals(URI.create("ws://h:1/ws?graph=g&protocol=2"),
                BenchOptions.withParameter(URI.create("ws://h:1/ws?graph=g"), "protocol=2"));
        assertEquals(URI.create("ws://h:1/ws?protocol=2"), BenchOptions.withParameter(URI.create("ws://h:1/ws#x"),
                "protocol=2"));
        List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
        assertEquals(List.of("sync-1w", "sync-10w", "patch-edit", "snapshot-10hz", "patch-contention", "join-100",
                "reconnect-storm", "load-5000", "action-roundtrip", "llm-stream", "cold-start", "plugins-20", "engine-10k",
                "engine-10k-ws", "chain-10", "parallel-100", "parallel-1000", "events-10c", "rss-loaded"), names);
    }

    @Test
    void patchWriterMatchesItsAnswersByCorrelationId() throws Exception {
        FakeClient client = new FakeClient();
        PatchWriter w = new PatchWriter("w7", client);
        w.onFrame(frame("sync_graph", 40, null));
        assertEquals(40, w.version());

        CompletableFuture<PatchWriter.Outcome> first = CompletableFuture.supplyAsync(() -> call(w, 40));
        String sent = client.next();
        JsonObject request = parse(sent);
        assertEquals(40, request.getJsonObject("payload").getInt("baseVersion"));
        String id = request.getString("correlationId");
        w.onFrame(frame("graph_patch", 41, "someone-else"));
        assertFalse(first.isDone(), "another client's patch does not answer this request");
        w.onFrame(frame("graph_patch", 42, id));
        PatchWriter.Outcome accepted = first.get(5, TimeUnit.SECONDS);
        assertTrue(accepted.accepted());
        assertEquals(42, accepted.version());
        assertEquals(142, accepted.answerNanos());
        assertEquals(42, w.version());

        CompletableFuture<PatchWriter.Outcome> second = CompletableFuture.supplyAsync(() -> call(w, 41));
        String id2 = parse(client.next()).getString("correlationId");
        w.onFrame(frame("patch_rejected", 45, id2));
        PatchWriter.Outcome rejected = second.get(5, TimeUnit.SECONDS);
        assertFalse(rejected.accepted());
        assertEquals(45, rejected.version());
        assertEquals(45, w.version());

        CompletableFuture<PatchWriter.Outcome> third = CompletableFuture.supplyAsync(() -> call(w, 45));
        client.next();
        w.onFrame(new Frame("error", -1, null, null, "invalid_graph", 0, "{\"type\":\"error\"}"));
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> third.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("invalid_graph"), e.getCause().getMessage());
    }

    private static PatchWriter.Outcome call(PatchWriter w, long base) {
        try {
            return w.patch(base, Frames.ops(Frames.moveNode("n1", 1, 1)), Duration.ofSeconds(5));
        } catch (BenchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records sent messages. */
    private static final class FakeClient implements WsClient {
        private final java.util.concurrent.LinkedBlockingQueue<String> sent = new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<String> all = new CopyOnWriteArrayList<>();

        String next() throws InterruptedException {
            String s = sent.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("nothing was sent");
            }
            return s;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public CompletableFuture<?> send(String text) {
            all.add(text);
            sent.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public long received() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String state() {
            return "open";
        }

        @Override
        public void close() {
        }
    }
}
