package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throws thousands of random and mutated messages at a live server (real plugins, loopback only,
 * bounded in count and time) over several concurrent connections, and checks what a client would
 * see: every message is answered with a reply or an {@code error} that matches the protocol's
 * schemas (never {@code internal_error}); a message the schemas refuse never changes anything; no
 * connection is closed for bad input (only for documented abuse); the server stays up; the fuzzed
 * graph's versions only moved by accepted changes and it still loads; and a control graph is
 * unchanged byte for byte.
 *
 * <p>Seeded: the seed is printed, named in every failure, and set with {@code -Dfuzz.seed=N}.
 */
class FuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    private static final Json JSON = Json.create();
    private static final int LIMIT = 64 * 1024;
    private static final int CONNECTIONS = 4;
    private static final int PER_CONNECTION = 450;
    private static final int RAW_MESSAGES = 250;
    private static final Duration BUDGET = Duration.ofSeconds(14);

    @TempDir
    Path dir;
    FlowcraftServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void randomAndMutatedMessagesGetAnswersAndLeaveTheServerAndTheGraphsIntact() throws Exception {
        System.out.println("FuzzTest seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
        try {
            fuzz();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("fuzz seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + "): " + e.getMessage(),
                    e);
        }
    }

    private void fuzz() throws Exception {
        // the limiter stays out of the way (its own tests cover it): here every message is read
        FlowcraftConfig config = TestServers.config(dir, LIMIT, 50, 60, 1024, 32L << 20).withSecurity(
                FlowcraftConfig.Security.defaults().withLimits(new FlowcraftConfig.Security.Limits(1_000_000, 1_000_000,
                        1_000_000, 1000, 0, 64, 256)));
        Files.createDirectories(config.pluginsDir());
        for (String plugin : List.of("core-nodes", "graph-actions")) {
            Files.copy(ActionTest.jar(plugin), config.pluginsDir().resolve(plugin + ".jar"));
        }
        server = FlowcraftServer.start(config);
        String control = seed("control", TestServers.graph(4, "control", 40));
        seed("fuzz", TestServers.graph(3, "keeper", 0));
        long start = System.nanoTime();
        long deadline = start + BUDGET.toNanos();
        Registry registry = new Registry();
        try (WsClient observer = WsClient.connect(server.port(), "graph=fuzz&protocol=2")) {
            long base = WsClient.version(observer.next("sync_graph"));
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
            List<Future<Stats>> runs = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int n = i;
                runs.add(pool.submit(() -> new Fuzzer(n, registry, deadline).run()));
            }
            runs.add(pool.submit(() -> new RawFuzzer(CONNECTIONS, registry, deadline).run()));
            pool.shutdown();
            Stats total = new Stats();
            for (Future<Stats> f : runs) {
                total.add(f.get(BUDGET.toSeconds() + 30, TimeUnit.SECONDS));
            }
            long fuzzed = System.nanoTime();
            long last = versionsOf(observer, base, registry);
            frameOverTheHardLimitCloses1009();
            stillIntact(control, last);
            noRunIsStuck();
            System.out.printf("FuzzTest: %d fuzz messages (+%d probes) on %d connections in %d ms, %d versions "
                            + "accepted, whole test %d ms; errors by code %s%n", total.sent, total.sent,
                    CONNECTIONS + 1, (fuzzed - start) / 1_000_000, last - base, (System.nanoTime() - start) / 1_000_000,
                    new java.util.TreeMap<>(total.errors));
            assertTrue(total.sent >= 1000, "enough messages were sent: " + total.sent);
        }
    }

    /**
     * Found by fuzzing: Parsson refuses such a number with an exception the decoder did not catch
     * (and an exponent beyond ±2^31 with yet another one).
     */
    @Test
    void aNumberOfOverElevenHundredDigitsIsInvalidJsonAndTheConnectionStaysOpen() throws Exception {
        try (WsClient c = seededClient()) {
            for (String huge : List.of("9".repeat(1200), "1e99999999999")) {
                c.send("{\"type\":\"sync_graph\",\"correlationId\":\"long\",\"payload\":{\"version\":" + huge
                        + ",\"graph\":{\"nodes\":[],\"edges\":[]}}}");
                assertTrue(((String) c.nextError("invalid_json").get("message")).contains("number too large: "));
            }
            c.sendSync(1, TestServers.graph(1, "after", 0), "after");
            assertEquals(2L, WsClient.version(c.next("sync_graph")), "the connection is still open and usable");
        }
    }

    /** Found by fuzzing: no UTF-8 text carries an unpaired surrogate, so it was stored and echoed as "?". */
    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() throws Exception {
        try (WsClient c = seededClient()) {
            c.send("{\"type\":\"patch_graph\",\"correlationId\":\"half\",\"payload\":{\"baseVersion\":1,\"ops\":["
                    + "{\"op\":\"update_node\",\"id\":\"n0\",\"data\":{\"label\":\"\\ud83d cut\"}}]}}");
            Map<String, Object> error = c.next("error");
            assertEquals("half", error.get("correlationId"));
            Map<String, Object> details = Fields.asObject(WsClient.payload(error).get("details"));
            assertEquals("invalid_message", WsClient.payload(error).get("code"));
            assertEquals("payload.ops[0].data.label", details.get("field"));
            c.send("{\"type\":\"broadcast_event\",\"correlationId\":\"id\\udc00\",\"payload\":{}}");
            assertFalse(c.nextError("invalid_message").containsKey("correlationId"),
                    "an id that cannot be echoed is not");
            c.send("{\"type\":\"presence\",\"payload\":{\"name\":\"\ud83d\ude00 pair\"}}");
            c.sendSync(1, TestServers.graph(1, "after", 0), "after");
            assertEquals(2L, WsClient.version(c.next("sync_graph")), "nothing changed before; a pair is fine");
        }
    }

    /** Found by fuzzing: the schema counts characters (code points), the server counted UTF-16 units. */
    @Test
    void aPresenceNameOfSixtyFourCharactersOutsideTheBmpIsAccepted() throws Exception {
        server = FlowcraftServer.start(TestServers.config(dir));
        try (WsClient c = WsClient.connect(server.port(), "graph=p")) {
            c.next("sync_graph");
            c.send("{\"type\":\"hello\",\"payload\":{\"capabilities\":[\"presence\"]}}");
            c.next("hello");
            c.next("presence");
            String name = "\ud83d\ude00".repeat(64);
            String message = "{\"type\":\"presence\",\"payload\":{\"name\":\"" + name + "\"}}";
            assertEquals(List.of(), ProtocolSchemas.violations("client", "presence", message));
            c.send(message);
            Map<?, ?> user = (Map<?, ?>) ((List<?>) WsClient.payload(c.next("presence")).get("users")).getFirst();
            assertEquals(name, user.get("name"));
            c.send(message.replace(name, name + "x"));
            c.nextError("invalid_message");
        }
    }

    /** A server with graph {@code g} at version 1, and a client of it past its first message. */
    private WsClient seededClient() throws Exception {
        server = FlowcraftServer.start(TestServers.config(dir));
        seed("g", TestServers.graph(2, "ok", 0));
        WsClient c = WsClient.connect(server.port(), "graph=g");
        c.next("sync_graph");
        return c;
    }

    /** Gives a graph its first version and returns what GET /api/graphs/{id} answers. */
    private String seed(String graph, String graphJson) throws Exception {
        try (WsClient c = WsClient.connect(server.port(), "graph=" + graph)) {
            c.sendSync(WsClient.version(c.next("sync_graph")), graphJson, "seed");
            c.next("sync_graph");
        }
        return get("/api/graphs/" + graph).body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).timeout(WsClient.WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads the observer's messages up to a probe: versions grew one at a time, and every change
     * that names its request answers a message the schemas accept.
     *
     * @return the last version
     */
    private static long versionsOf(WsClient observer, long base, Registry registry) {
        observer.send(Gen.probe("observer"));
        long version = base;
        while (true) {
            Map<String, Object> m = observer.next();
            String type = (String) m.get("type");
            Object cid = m.get("correlationId");
            if ("observer".equals(cid)) {
                return version;
            }
            if (!type.equals("graph_patch") && !type.equals("apply_changes") && !type.equals("sync_graph")) {
                continue;
            }
            long v = WsClient.version(m);
            if (type.equals("sync_graph")) {
                assertTrue(v >= version, "a resync snapshot never goes back: " + v + " after " + version);
            } else {
                assertEquals(version + 1, v, "versions grow by one per accepted change: " + abbreviate(m));
            }
            version = v;
            if (cid != null) {
                Fuzz f = registry.sent.get((String) cid);
                assertTrue(f != null, "a change answers a fuzz message: " + abbreviate(m));
                assertNotEquals(Validity.INVALID, f.validity(), () -> "a message the schemas refuse changed the graph: "
                        + f + " → " + abbreviate(m));
            }
        }
    }

    private void frameOverTheHardLimitCloses1009() throws IOException {
        try (RawWebSocket abuser = RawWebSocket.connect(server.port(), "/ws?graph=fuzz-abuse")) {
            abuser.readText();
            abuser.sendText(("\"" + "x".repeat(4 * LIMIT + 10) + "\"").getBytes(StandardCharsets.UTF_8));
            assertEquals(1009, abuser.readCloseCode(), "a frame over the hard limit closes with 1009");
        }
    }

    /** The server is up, the fuzzed graphs load and validate, and the control graph is unchanged. */
    private void stillIntact(String control, long fuzzVersion) throws Exception {
        assertEquals(control, get("/api/graphs/control").body(), "the control graph is unchanged byte for byte");
        for (String graph : List.of("fuzz", "fuzz-raw")) {
            HttpResponse<String> r = get("/api/graphs/" + graph);
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> stored = Fields.asObject(JSON.parse(r.body()));
            String asMessage = "{\"type\":\"sync_graph\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                    + "\"payload\":{\"version\":" + stored.get("version") + ",\"graph\":"
                    + JSON.write(stored.get("graph")) + "}}";
            assertEquals(List.of(), ProtocolSchemas.violations("server", "sync_graph", asMessage),
                    graph + " validates");
            try (WsClient fresh = WsClient.connect(server.port(), "graph=" + graph)) {
                Map<String, Object> sync = fresh.next("sync_graph");
                assertEquals(stored.get("version"), WsClient.version(sync), graph + ": the same version for everyone");
                assertEquals(stored.get("graph"), WsClient.payload(sync).get("graph"), graph + ": the same graph");
                if (graph.equals("fuzz")) {
                    assertEquals(fuzzVersion, WsClient.version(sync), "only accepted changes made versions");
                }
                fresh.sendSync(WsClient.version(sync), TestServers.graph(2, "after", 0), "after");
                Map<String, Object> m = fresh.next();
                while (!"after".equals(m.get("correlationId"))) {   // the state and events of runs still going
                    m = fresh.next();
                }
                assertEquals("after", m.get("correlationId"), "still editable: " + m);
                assertEquals(WsClient.version(sync) + 1, WsClient.version(m), "still editable");
            }
        }
        try (WsClient fresh = WsClient.connect(server.port(), "graph=control")) {
            assertEquals(1L, WsClient.version(fresh.next("sync_graph")));
        }
    }

    /**
     * Every run the fuzzers started has ended, is paused, or has a node running or waiting for an
     * answer: none is left "running" with nothing to run.
     */
    private void noRunIsStuck() throws Exception {
        List<String> stuck = stuckRuns();
        if (!stuck.isEmpty()) {
            Thread.sleep(1000);     // a run between two nodes is not stuck
            List<String> still = stuckRuns();
            still.retainAll(stuck);
            assertEquals(List.of(), still, "runs that run nothing and never end");
        }
    }

    private List<String> stuckRuns() throws Exception {
        List<String> stuck = new ArrayList<>();
        Map<String, Object> list = Fields.asObject(JSON.parse(get("/api/executions?graphId=fuzz&limit=1000").body()));
        for (Object o : (List<?>) list.get("executions")) {
            Map<String, Object> run = Fields.asObject(o);
            if (run.get("status").equals("running") && ((List<?>) run.get("prompts")).isEmpty()) {
                Map<String, Object> detail = Fields.asObject(JSON.parse(get("/api/executions/" + run.get("executionId"))
                        .body()));
                if (Fields.asObject(detail.get("nodes")).values().stream()
                        .noneMatch(n -> Fields.asObject(n).get("status").equals("running"))) {
                    stuck.add((String) run.get("executionId"));
                }
            }
        }
        return stuck;
    }

    static String abbreviate(Object o) {
        String s = o instanceof String t ? t : JSON.write(o instanceof Map<?, ?> m && m.containsKey("correlationId")
                ? Map.of("correlationId", m.get("correlationId"), "message", m) : o);
        return s.length() > 600 ? s.substring(0, 600) + "… (" + s.length() + " chars)" : s;
    }

    /** Whether the protocol's schemas accept a message. */
    enum Validity { VALID, INVALID, UNKNOWN }

    /**
     * One thing sent: a text message (whole, in fragments, or as one raw frame of any bytes) or a
     * binary frame.
     *
     * @param label      what was done to it
     * @param frame      how it travels
     * @param text       the text (for binary and raw frames, a description)
     * @param bytes      the bytes of binary and raw frames
     * @param cid        the correlation id the server can read from it, or {@code null}
     * @param type       its {@code type}, or {@code null}
     * @param validity   what the schemas say
     */
    record Fuzz(String label, Frame frame, String text, byte[] bytes, String cid, String type, Validity validity) {
        @Override
        public String toString() {
            return label + " " + frame + " " + validity + ": " + abbreviate(text);
        }
    }

    enum Frame { TEXT, FRAGMENTS, BINARY, RAW }

    /** Every fuzz message by correlation id. */
    static final class Registry {
        final Map<String, Fuzz> sent = new ConcurrentHashMap<>();
    }

    /** What one connection sent and received. */
    static final class Stats {
        int sent;
        final Map<String, Integer> errors = new ConcurrentHashMap<>();

        void add(Stats other) {
            sent += other.sent;
            other.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum));
        }
    }

    /**
     * Checks the messages a connection received between sending {@code f} (and a probe) and the
     * probe's answer.
     */
    static void check(Fuzz f, List<Map<String, Object>> window, Set<String> executions, Stats stats) {
        for (Map<String, Object> m : window) {
            if ("error".equals(m.get("type"))) {
                String code = (String) WsClient.payload(m).get("code");
                stats.errors.merge(code, 1, Integer::sum);
                assertNotEquals("internal_error", code, () -> "bad input made the server fail: " + f + " → "
                        + abbreviate(m));
            }
        }
        List<Map<String, Object>> answers = window.stream().filter(m -> f.cid() != null
                ? f.cid().equals(m.get("correlationId"))
                : m.get("correlationId") == null && !List.of("presence", "node_started", "node_completed",
                "node_skipped", "node_failed", "node_progress", "execution_completed", "execution_failed",
                "interactive_prompt", "execution_state").contains(m.get("type"))).toList();
        boolean silentAllowed = f.validity() != Validity.INVALID && ("presence".equals(f.type())
                || Set.of("pause_execution", "resume_execution", "user_response").contains(f.type())
                && executions.stream().anyMatch(f.text()::contains));
        if (!silentAllowed) {
            assertFalse(answers.isEmpty(), () -> "no answer to " + f + "; received " + window.stream()
                    .map(FuzzTest::abbreviate).toList());
        }
        if (f.label().endsWith("over-limit")) {
            assertTrue(answers.stream().anyMatch(m -> "message_too_large".equals(WsClient.payload(m).get("code"))),
                    () -> "a message over the limit was not refused: " + f + " → " + answers.stream()
                            .map(FuzzTest::abbreviate).toList());
        }
        if (f.validity() == Validity.VALID && "presence".equals(f.type())) {
            assertTrue(answers.stream().noneMatch(m -> "error".equals(m.get("type"))),
                    () -> "a presence the schema accepts was refused: " + f + " → " + answers);
        }
        if (f.validity() == Validity.INVALID && f.cid() != null) {
            for (Map<String, Object> m : answers) {
                assertEquals("error", m.get("type"), () -> "a message the schemas refuse was acted on: " + f + " → "
                        + abbreviate(m));
            }
        }
    }

    /** A JDK WebSocket client sending fuzz messages one at a time, each followed by a probe. */
    private final class Fuzzer {
        private final Gen gen;
        private final Registry registry;
        private final long deadline;
        private final Set<String> executions = ConcurrentHashMap.newKeySet();

        Fuzzer(int n, Registry registry, long deadline) {
            this.gen = new Gen(new java.util.Random(SEED + n), "c" + n);
            this.registry = registry;
            this.deadline = deadline;
        }

        Stats run() {
            Stats stats = new Stats();
            try (WsClient c = WsClient.connect(server.port(), "graph=fuzz")) {
                observe(c.next("sync_graph"));
                if (gen.tag().endsWith("0") || gen.tag().endsWith("2")) {
                    c.send("{\"type\":\"hello\",\"correlationId\":\"hello-" + gen.tag()
                            + "\",\"payload\":{\"capabilities\":[\"patch\",\"presence\"]}}");
                    drainTo(c, "hello-" + gen.tag());
                }
                for (int i = 0; i < PER_CONNECTION && System.nanoTime() < deadline; i++) {
                    Fuzz f = gen.next(executions);
                    if (f.cid() != null) {
                        registry.sent.put(f.cid(), f);
                    }
                    String probe = gen.tag() + "-probe-" + i;
                    try {
                        switch (f.frame()) {
                            case TEXT -> c.send(f.text());
                            case FRAGMENTS -> c.sendFragments(Gen.fragments(f.text(), gen.random()));
                            case BINARY -> c.sendBinary(f.bytes());
                            case RAW -> throw new IllegalStateException("raw frames go through RawFuzzer");
                        }
                        c.send(Gen.probe(probe));
                    } catch (RuntimeException e) {
                        throw new AssertionError("sending " + f + " failed: " + e, e);
                    }
                    stats.sent++;
                    List<Map<String, Object>> window;
                    try {
                        window = drainTo(c, probe);
                    } catch (AssertionError e) {
                        throw new AssertionError("after " + f + ": " + e.getMessage(), e);
                    }
                    check(f, window, executions, stats);
                }
            }
            return stats;
        }

        private List<Map<String, Object>> drainTo(WsClient c, String probe) {
            List<Map<String, Object>> window = new ArrayList<>();
            while (true) {
                Map<String, Object> m = c.next();
                observe(m);
                if (probe.equals(m.get("correlationId"))) {
                    return window;
                }
                window.add(m);
            }
        }

        private void observe(Map<String, Object> m) {
            Map<String, Object> p = WsClient.payload(m);
            if (p != null && p.get("version") instanceof Long v && !m.get("type").equals("execution_started")) {
                gen.version(v);
            }
            if (p != null && p.get("executionId") instanceof String id) {
                executions.add(id);
            }
        }
    }

    /** A raw-socket client on its own graph: invalid UTF-8, any bytes, and whole messages in one frame. */
    private final class RawFuzzer {
        private final Gen gen;
        private final Registry registry;
        private final long deadline;

        RawFuzzer(int n, Registry registry, long deadline) {
            this.gen = new Gen(new java.util.Random(SEED + n), "r" + n);
            this.registry = registry;
            this.deadline = deadline;
        }

        Stats run() throws IOException {
            Stats stats = new Stats();
            try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws?graph=fuzz-raw")) {
                read(raw);
                for (int i = 0; i < RAW_MESSAGES && System.nanoTime() < deadline; i++) {
                    Fuzz f = gen.nextRaw();
                    if (f.cid() != null) {
                        registry.sent.put(f.cid(), f);
                    }
                    raw.sendText(f.bytes());
                    String probe = gen.tag() + "-probe-" + i;
                    raw.sendText(Gen.probe(probe).getBytes(StandardCharsets.UTF_8));
                    stats.sent++;
                    List<Map<String, Object>> window = new ArrayList<>();
                    while (true) {
                        Map<String, Object> m;
                        try {
                            m = read(raw);
                        } catch (IOException e) {
                            throw new AssertionError("the connection ended after " + f + ": " + e.getMessage(), e);
                        }
                        if (probe.equals(m.get("correlationId"))) {
                            break;
                        }
                        window.add(m);
                    }
                    check(f, window, Set.of(), stats);
                }
            }
            return stats;
        }

        private Map<String, Object> read(RawWebSocket raw) throws IOException {
            String text = raw.readText();
            Map<String, Object> m = Fields.asObject(JSON.parse(text));
            List<String> bad = ProtocolSchemas.violations("server", String.valueOf(m.get("type")), text);
            assertEquals(List.of(), bad, () -> "every server message matches its schema: " + abbreviate(text));
            Map<String, Object> p = WsClient.payload(m);
            if (p != null && p.get("version") instanceof Long v) {
                gen.version(v);
            }
            return m;
        }
    }

    /**
     * Makes the fuzz messages of one connection: a valid message of a random client type, then
     * zero to three mutations of its tree, sometimes one of its text, or something else entirely
     * (random text, binary, empty frames). Correlation ids stay unique: only the dedicated
     * mutation touches them, and it keeps them unique or removes them. Not thread-safe.
     */
    static final class Gen {
        private static final String[] TYPES = {"hello", "sync_graph", "patch_graph", "execute_action",
            "execute_diagram", "user_response", "pause_execution", "resume_execution", "cancel_execution", "presence",
            "broadcast_event"};
        private static final String[] UNKNOWN_TYPES = {"make_coffee", "", "SYNC_GRAPH", "sync_graph ", "sync-graph",
            "\uff53ync_graph", "__proto__", "constructor", "error", "graph_patch", "fuzz_probe", "x".repeat(300)};
        private static final String[] NUMBERS = {"9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1e308", "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "9".repeat(1200), "1e999999999",
            "-0", "0.0000001", "4.9e-324", "2e9", "-2147483649", "3.0", "1.5", "-1", "0", "1e-999999999"};
        private static final String[] WEIRD = {"\u0000", "\u001f\u0007\b", "\ud83d\ude00\ud834\udd1e", "\u202eevil",
            "\ufeff", "e\u0301\u0301\u0301", "\u2028\u2029", "\"\\'", "<script>alert(1)</script>", "%s%n%d",
            "\u00e9\u4e2d\u6587\u0645\u0631\u062d\u0628\u0627", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd",
            "\ud83d\ude00".repeat(40), "\uffff\ufffe"};
        /** JSON string literals a Java string cannot carry to the wire: lone surrogates and escaped NUL. */
        private static final String[] ESCAPED = {"\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud83d\"", "\"\\u0000\\u0000\"",
            "\"\\ud800\\ud800\\udc00\""};
        private static final String[] IDS = {"n0", "n1", "n2", "n3", "n4", "n5", "n9", "e1", "e2", "ghost"};
        private static final byte[][] BAD_UTF8 = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xfe, (byte) 0xfe}};

        private final java.util.Random r;
        private final String tag;
        private final Map<String, String> literals = new java.util.HashMap<>();
        private int serial;
        private long version;

        Gen(java.util.Random r, String tag) {
            this.r = r;
            this.tag = tag;
        }

        String tag() {
            return tag;
        }

        java.util.Random random() {
            return r;
        }

        void version(long v) {
            version = Math.max(version, v);
        }

        static String probe(String cid) {
            return "{\"type\":\"fuzz_probe\",\"correlationId\":\"" + cid + "\",\"payload\":{}}";
        }

        /** Splits text into 2 to 5 fragments, never inside a surrogate pair. */
        static List<String> fragments(String text, java.util.Random r) {
            List<String> parts = new ArrayList<>();
            int from = 0;
            for (int n = 1 + r.nextInt(4); n > 0 && from < text.length() - 1; n--) {
                int at = from + 1 + r.nextInt(text.length() - from - 1);
                if (Character.isLowSurrogate(text.charAt(at))) {
                    at--;
                }
                if (at > from) {
                    parts.add(text.substring(from, at));
                    from = at;
                }
            }
            parts.add(text.substring(from));
            return parts;
        }

        /** The next message for a JDK client. */
        Fuzz next(Set<String> executions) {
            double roll = r.nextDouble();
            if (roll < 0.04) {
                byte[] bytes = r.nextBoolean() ? randomBytes(r.nextInt(4) == 0 ? 0 : r.nextInt(64))
                        : render(template(executions)).getBytes(StandardCharsets.UTF_8);
                return new Fuzz("binary", Frame.BINARY, "(" + bytes.length + " bytes)", bytes, null, null,
                        Validity.INVALID);
            }
            if (roll < 0.06) {
                return classify("empty", Frame.TEXT, r.nextBoolean() ? "" : " \t\r\n ");
            }
            if (roll < 0.10) {
                return classify("garbage", Frame.TEXT, garbage());
            }
            List<String> done = new ArrayList<>();
            String text = mutated(template(executions), done);
            Frame frame = text.length() > 1 && r.nextDouble() < 0.15 ? Frame.FRAGMENTS : Frame.TEXT;
            return classify(String.join("+", done), frame, text);
        }

        /** The next message for a raw socket: any bytes in one text frame, invalid UTF-8 included. */
        Fuzz nextRaw() {
            double roll = r.nextDouble();
            if (roll < 0.45) {
                List<String> done = new ArrayList<>();
                String text = mutated(template(Set.of()), done);
                return raw(String.join("+", done), text.getBytes(StandardCharsets.UTF_8));
            }
            if (roll < 0.75) {
                byte[] valid = render(template(Set.of())).getBytes(StandardCharsets.UTF_8);
                byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
                int at = r.nextBoolean() ? valid.length : r.nextInt(valid.length);
                byte[] out = new byte[valid.length + bad.length];
                System.arraycopy(valid, 0, out, 0, at);
                System.arraycopy(bad, 0, out, at, bad.length);
                System.arraycopy(valid, at, out, at + bad.length, valid.length - at);
                return raw("invalid-utf8@" + at, out);
            }
            if (roll < 0.90) {
                return raw("random-bytes", randomBytes(r.nextInt(200)));
            }
            return raw("empty", r.nextBoolean() ? new byte[0] : new byte[] {0, 0, 0});
        }

        private Fuzz raw(String label, byte[] bytes) {
            Fuzz f = classify(label, Frame.RAW, new String(bytes, StandardCharsets.UTF_8));
            return new Fuzz(f.label(), Frame.RAW, f.text(), bytes, f.cid(), f.type(), f.validity());
        }

        private Fuzz classify(String label, Frame frame, String text) {
            if (text.getBytes(StandardCharsets.UTF_8).length > LIMIT) {
                return new Fuzz(label + "+over-limit", frame, text, null, null, null, Validity.INVALID);
            }
            Map<String, Object> envelope;
            try {
                envelope = Fields.asObject(JSON.parse(text));
            } catch (RuntimeException e) {
                return new Fuzz(label, frame, text, null, null, null, Validity.INVALID);
            }
            if (envelope == null) {
                return new Fuzz(label, frame, text, null, null, null, Validity.INVALID);
            }
            String cid = envelope.get("correlationId") instanceof String s && unicode(s) ? s : null;
            String type = envelope.get("type") instanceof String t ? t : null;
            Validity validity = Validity.INVALID;
            if (type != null && List.of(TYPES).contains(type) && unicode(JSON.write(envelope))) {
                try {
                    if (ProtocolSchemas.violations("client", type, text).isEmpty()) {
                        validity = Validity.VALID;
                    } else if (ProtocolSchemas.violations("client", type, JSON.write(withoutNulls(envelope)))
                            .isEmpty()) {
                        validity = Validity.UNKNOWN;    // the server reads a null field as an absent one
                    }
                } catch (RuntimeException e) {
                    validity = Validity.UNKNOWN;
                }
            }
            return new Fuzz(label, frame, text, null, cid, type, validity);
        }

        private static Object withoutNulls(Object value) {
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (v != null) {
                        copy.put((String) k, withoutNulls(v));
                    }
                });
                return copy;
            }
            return value instanceof List<?> l ? l.stream().map(Gen::withoutNulls).toList() : value;
        }

        /** Whether text survives UTF-8 (no unpaired surrogate): the server refuses messages that do not. */
        private static boolean unicode(String text) {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
        }

        private String garbage() {
            StringBuilder sb = new StringBuilder();
            String tokens = "{}[]\":,0123456789.eE+-truefalsnl \\/\t\nabc\u00e9\u4e2d";
            for (int i = r.nextInt(120); i > 0; i--) {
                sb.append(tokens.charAt(r.nextInt(tokens.length())));
            }
            return r.nextBoolean() ? sb.toString() : List.of("[]", "\"type\"", "42", "null", "true", "[{\"type\":"
                    + "\"hello\",\"payload\":{}}]", "{}", "{\"type\":null}", "{\"payload\":{}}").get(r.nextInt(9));
        }

        private byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        // ---- valid messages ----

        private Map<String, Object> template(Set<String> executions) {
            String type = TYPES[r.nextInt(TYPES.length)];
            String cid = tag + "-" + (++serial);
            return obj("type", type, "correlationId", cid, "payload", payload(type, executions));
        }

        private Map<String, Object> payload(String type, Set<String> executions) {
            String execution = executions.isEmpty() || r.nextInt(4) == 0 ? "run-" + r.nextInt(1000)
                    : List.copyOf(executions).get(r.nextInt(executions.size()));
            return switch (type) {
                case "hello" -> r.nextBoolean() ? obj("capabilities", arr("patch", "presence"))
                        : obj("capabilities", arr("presence"), "since", Math.max(0, version - r.nextInt(3)));
                case "sync_graph" -> obj("version", version, "graph", graph());
                case "patch_graph" -> {
                    List<Object> ops = arr();
                    for (int i = 1 + r.nextInt(3); i > 0; i--) {
                        ops.add(op());
                    }
                    yield obj("baseVersion", Math.max(0, version - r.nextInt(2)), "ops", ops);
                }
                case "execute_action" -> obj("actionId", pick("generate-children", "duplicate", "delete-subtree",
                        "insert-between", "no-such-action"), "nodeId", pick(IDS), "params",
                        obj("count", 1L + r.nextInt(2)));
                case "execute_diagram" -> switch (r.nextInt(4)) {
                    case 0 -> obj("graphId", "control");
                    case 1 -> obj();
                    default -> obj("diagram", diagram(), "inputs", obj("question", "why?"), "options",
                            obj("timeoutSeconds", 5L, "maxConcurrency", 2L));
                };
                case "user_response" -> obj("executionId", execution, "nodeId", pick("ask", "n0"), "response",
                        pick("yes", "no", "\u00e9"));
                case "presence" -> obj("name", "fuzzer " + tag, "editing", r.nextBoolean() ? pick(IDS) : null);
                case "broadcast_event" -> obj("kind", "cursor", "x", (long) r.nextInt(500), "tags", arr("a", 1L, null));
                default -> obj("executionId", execution);
            };
        }

        private Map<String, Object> graph() {
            Map<String, Object> g = obj("nodes", arr(), "edges", arr());
            List<String> ids = new ArrayList<>(List.of("n0", "n1", "n2", "n3", "n4"));
            java.util.Collections.shuffle(ids, r);
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                ((List<Object>) g.get("nodes")).add(node(ids.get(i)));
            }
            for (int i = 1; i < n; i++) {
                ((List<Object>) g.get("edges")).add(obj("id", "e" + i, "source", ids.get(i - 1), "target", ids.get(i)));
            }
            if (r.nextBoolean()) {
                g.put("name", "fuzzed " + tag);
            }
            return g;
        }

        private Map<String, Object> node(String id) {
            return obj("id", id, "type", pick("start", "endpoint", "note", "job"), "position",
                    obj("x", (long) r.nextInt(1000), "y", r.nextInt(1000) / 3.0), "data", obj("label", "node " + id));
        }

        private Map<String, Object> op() {
            return switch (r.nextInt(7)) {
                case 0 -> obj("op", "add_node", "node", node(pick(IDS)));
                case 1 -> obj("op", "update_node", "id", pick(IDS), "position", obj("x", 1L, "y", 2L), "data",
                        obj("label", "moved", "gone", null));
                case 2 -> obj("op", "remove_node", "id", pick(IDS));
                case 3 -> obj("op", "add_edge", "edge", obj("id", pick(IDS), "source", pick(IDS), "target", pick(IDS)));
                case 4 -> obj("op", "update_edge", "id", pick(IDS), "label", "l", "data",
                        obj("contentType", "raw_text"));
                case 5 -> obj("op", "remove_edge", "id", pick(IDS));
                default -> obj("op", "set_field", "key", pick("persons", "name", "nodes"), "value", obj("Ada",
                        obj("service", "openai")));
            };
        }

        private Map<String, Object> diagram() {
            Map<String, Object> d = obj("nodes", arr(obj("id", "s", "type", "start", "position", obj("x", 0L, "y", 0L),
                    "data", obj())), "edges", arr());
            List<Object> nodes = (List<Object>) d.get("nodes");
            List<Object> edges = (List<Object>) d.get("edges");
            String last = "s";
            if (r.nextInt(3) == 0) {
                nodes.add(obj("id", "ask", "type", "user_response", "position", obj("x", 1L, "y", 0L), "data",
                        obj("prompt", "ok?", "timeout", 1L)));
                edges.add(obj("id", "x1", "source", last, "target", "ask"));
                last = "ask";
            }
            nodes.add(obj("id", "end", "type", "endpoint", "position", obj("x", 2L, "y", 0L), "data", obj()));
            edges.add(obj("id", "x2", "source", last, "target", "end"));
            return d;
        }

        // ---- mutations ----

        private String mutated(Map<String, Object> message, List<String> done) {
            literals.clear();
            for (int i = r.nextInt(4); i > 0; i--) {
                done.add(mutate(message));
            }
            String text = render(message);
            if (r.nextDouble() < 0.12) {
                int at = r.nextInt(text.length() + 1);
                if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
                    at--;
                }
                switch (r.nextInt(6)) {
                    case 0 -> {
                        done.add("truncated@" + at);
                        text = text.substring(0, at);
                    }
                    case 1 -> {
                        done.add("control-char@" + at);
                        text = text.substring(0, at) + (char) r.nextInt(32) + text.substring(at);
                    }
                    case 2 -> {
                        done.add("char@" + at);
                        String chars = "{}[]\":,\\x9\u00e9";
                        text = text.substring(0, at) + chars.charAt(r.nextInt(chars.length()))
                                + text.substring(at < text.length()
                                ? at + Character.charCount(text.codePointAt(at)) : at);
                    }
                    case 3 -> {
                        done.add("bom");
                        text = "\ufeff" + text;
                    }
                    case 4 -> {
                        done.add("trailing");
                        text = text + pick("{}", " x", ",", "\u0000", text);
                    }
                    default -> {
                        done.add("padded");
                        text = " \n\t" + text + " \r\n";
                    }
                }
            }
            return text;
        }

        /** One random mutation of the message's tree; returns its name. */
        private String mutate(Map<String, Object> message) {
            List<Slot> slots = new ArrayList<>();
            collect(message, slots, true);
            if (slots.isEmpty()) {
                message.put("type", pick(TYPES));
                return "retyped-empty";
            }
            Slot s = slots.get(r.nextInt(slots.size()));
            switch (r.nextInt(14)) {
                case 0 -> {
                    s.remove();
                    return "drop " + s.name();
                }
                case 1 -> {
                    s.set(pick("str", 42L, -1L, 3.5, true, false, null, arr(), obj(), arr(1L, "a"), obj("x", 1L)));
                    return "retype " + s.name();
                }
                case 2 -> {
                    s.set(literal(pick(NUMBERS)));
                    return "number " + s.name();
                }
                case 3 -> {
                    negativeVersion(message);
                    return "negative-version";
                }
                case 4 -> {
                    int depth = pick(8, 100, 250, 254, 255, 256, 600, 3000);
                    s.set(literal(r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
                    return "deep" + depth + " " + s.name();
                }
                case 5 -> {
                    s.set(r.nextBoolean() ? pick(WEIRD) : literal(pick(ESCAPED)));
                    return "unicode " + s.name();
                }
                case 6 -> {
                    if (s.parent() instanceof Map<?, ?> m) {
                        Object v = s.get();
                        s.remove();
                        ((Map<String, Object>) m).put(pick(WEIRD), v);
                    }
                    return "unicode-key " + s.name();
                }
                case 7 -> {
                    duplicate(message, slots);
                    return "duplicate";
                }
                case 8 -> {
                    int bytes = r.nextInt(20) == 0 ? LIMIT + 100 : LIMIT / 4 + r.nextInt(LIMIT / 2);
                    String unit = pick("x", "\u00e9", "\ud83d\ude00", "\\");
                    s.set(unit.repeat(bytes / JSON.write(unit).substring(1).getBytes(StandardCharsets.UTF_8).length));
                    return "big " + s.name();
                }
                case 9 -> {
                    if (s.parent() instanceof Map<?, ?> m) {
                        ((Map<String, Object>) m).put(pick("extra", "__proto__", "type", "graphId", "id"),
                                pick("x", 1L, obj("a", arr()), null));
                    }
                    return "extra " + s.name();
                }
                case 10 -> {
                    message.put("type", r.nextInt(5) > 0 ? pick(UNKNOWN_TYPES) : pick(42L, null));
                    return "type";
                }
                case 11 -> {
                    correlationId(message);
                    return "correlation-id";
                }
                case 12 -> {
                    message.put("payload", payload(TYPES[r.nextInt(TYPES.length)], Set.of()));
                    return "other-payload";
                }
                default -> {
                    s.set(null);
                    return "null " + s.name();
                }
            }
        }

        private void negativeVersion(Map<String, Object> message) {
            Object payload = message.get("payload");
            if (payload instanceof Map<?, ?> p) {
                Object v = pick(-1L, Long.MIN_VALUE, -0.5, literal("-1e30"));
                for (String key : List.of("version", "baseVersion", "since")) {
                    if (p.containsKey(key) || key.equals("version") && r.nextInt(3) == 0) {
                        ((Map<String, Object>) p).put(key, v);
                    }
                }
            }
        }

        private void duplicate(Map<String, Object> message, List<Slot> slots) {
            for (Slot s : slots) {
                if (s.parent() instanceof Map<?, ?> m && s.key() instanceof String key && r.nextBoolean()) {
                    String marker = "\ue001" + literals.size() + "\ue001";
                    literals.put(marker, JSON.write(key));
                    ((Map<String, Object>) m).put(marker, pick(arr(), -7L, "dup", obj()));
                    return;
                }
            }
            String marker = "\ue001" + literals.size() + "\ue001";
            literals.put(marker, JSON.write("type"));
            message.put(marker, "dup");
        }

        private void correlationId(Map<String, Object> message) {
            String cid = tag + "-" + serial;    // the template's, unique (another mutation may have replaced it)
            switch (r.nextInt(5)) {
                case 0 -> message.remove("correlationId");
                case 1 -> message.put("correlationId", pick(42L, obj("id", cid), arr(cid), true));
                case 2 -> message.put("correlationId", cid + pick(WEIRD));
                case 3 -> message.put("correlationId", cid + "-" + "c".repeat(LIMIT / 4));
                default -> message.put("correlationId", literal("\"" + cid + "\\ud800\""));
            }
        }

        private String literal(String json) {
            String marker = "\ue000" + literals.size() + "\ue000";
            literals.put(marker, json);
            return marker;
        }

        private String render(Map<String, Object> message) {
            String text = JSON.write(message);
            for (Map.Entry<String, String> e : literals.entrySet()) {
                text = text.replace(JSON.write(e.getKey()), e.getValue());
            }
            return text;
        }

        /** Every field and element below the envelope, but the correlation id. */
        private static void collect(Object node, List<Slot> slots, boolean top) {
            if (node instanceof Map<?, ?> m) {
                for (Object k : List.copyOf(m.keySet())) {
                    if (!(top && k.equals("correlationId"))) {
                        slots.add(new Slot(m, k));
                        collect(m.get(k), slots, false);
                    }
                }
            } else if (node instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    slots.add(new Slot(l, i));
                    collect(l.get(i), slots, false);
                }
            }
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[r.nextInt(options.length)];
        }

        static Map<String, Object> obj(Object... kv) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put((String) kv[i], kv[i + 1]);
            }
            return m;
        }

        static List<Object> arr(Object... values) {
            return new ArrayList<>(java.util.Arrays.asList(values));
        }
    }

    /** A place in a message's tree: a field of an object or an element of an array. */
    @SuppressWarnings("unchecked")
    record Slot(Object parent, Object key) {
        Object get() {
            return parent instanceof Map<?, ?> m ? m.get(key) : ((List<?>) parent).get((Integer) key);
        }

        void set(Object value) {
            if (parent instanceof Map<?, ?> m) {
                ((Map<Object, Object>) m).put(key, value);
            } else {
                List<Object> l = (List<Object>) parent;
                if ((Integer) key < l.size()) {
                    l.set((Integer) key, value);
                }
            }
        }

        void remove() {
            if (parent instanceof Map<?, ?> m) {
                m.remove(key);
            } else if ((Integer) key < ((List<?>) parent).size()) {
                ((List<?>) parent).remove((int) (Integer) key);
            }
        }

        String name() {
            return String.valueOf(key);
        }
    }
}
