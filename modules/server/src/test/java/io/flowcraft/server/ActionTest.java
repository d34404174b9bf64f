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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graph actions from real plugin jars built by the build, over WebSocket and HTTP. */
class ActionTest {
    private static final Json JSON = Json.create();
    private static final Path PLUGINS = Path.of("../../plugins").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    FlowcraftServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The jar the build made for a plugin module. */
    static Path jar(String module) throws IOException {
        try (Stream<Path> files = Files.list(PLUGINS.resolve(module).resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(module) && p.toString().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("build the plugin " + module + " first"));
        }
    }

    private FlowcraftServer start(String... modules) throws IOException {
        FlowcraftConfig config = TestServers.config(dir);
        Files.createDirectories(config.pluginsDir());
        for (String m : modules) {
            Files.copy(jar(m), config.pluginsDir().resolve(m + ".jar"));
        }
        server = FlowcraftServer.start(config);
        return server;
    }

    private Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Fields.asObject(JSON.parse(r.body()));
    }

    private List<String> actionIds() throws Exception {
        return ((List<?>) get("/api/actions").get("actions")).stream().map(a -> (String) ((Map<?, ?>) a).get("id")).toList();
    }

    private static String execute(String action, String node, String params, String correlationId) {
        return "{\"type\":\"execute_action\",\"correlationId\":\"" + correlationId + "\",\"payload\":{\"actionId\":\""
                + action + "\",\"nodeId\":\"" + node + "\",\"params\":" + params + "}}";
    }

    private WsClient seeded(String graph) {
        WsClient c = WsClient.connect(server.port(), "graph=" + graph);
        long v = WsClient.version(c.next("sync_graph"));
        if (v == 0) {
            c.sendSync(0, TestServers.graph(3, "seed", 0), "seed");
            c.next("sync_graph");
        }
        return c;
    }

    @Test
    void catalogueListsTheActionsAndExecuteActionBroadcastsApplyChanges() throws Exception {
        start("graph-actions");
        List<String> ids = actionIds();
        assertTrue(ids.containsAll(List.of("delete-subtree", "duplicate", "generate-children", "insert-between")),
                () -> "actions: " + ids);
        Map<?, ?> plugin = (Map<?, ?>) ((List<?>) get("/api/plugins").get("plugins")).getFirst();
        assertEquals("graph-actions", plugin.get("id"));
        assertEquals("STARTED", plugin.get("state"));
        try (WsClient a = seeded("acts"); WsClient b = WsClient.connect(server.port(), "graph=acts")) {
            b.next("sync_graph");
            a.send(execute("generate-children", "n2", "{\"count\":3}", "gen"));
            for (WsClient c : List.of(a, b)) {
                Map<String, Object> m = c.next("apply_changes");
                assertEquals("gen", m.get("correlationId"));
                Map<String, Object> p = WsClient.payload(m);
                assertEquals(2L, p.get("version"));
                assertEquals(3, ((List<?>) p.get("add")).size());
                assertEquals(3, ((List<?>) p.get("addEdges")).size());
                assertEquals(List.of(), p.get("remove"));
            }
            assertEquals(6, server.store().current("acts").graph().nodes().size(), "the stored graph has the children");
            assertEquals(2 + 3, server.store().current("acts").graph().edges().size());
            assertTrue(server.store().versions("acts", Long.MAX_VALUE, 1).getFirst().kind().equals("action:generate-children"));
        }
    }

    @Test
    void unknownActionUnknownNodeAndWrongTypeChangeNothing() throws Exception {
        start("graph-actions", "test-fixtures");
        try (WsClient a = seeded("errs")) {
            a.send(execute("no-such-action", "n0", "{}", "x"));
            a.nextError("unknown_action");
            a.send(execute("duplicate", "ghost", "{}", "y"));
            a.nextError("unknown_node");
            a.send(execute("insert-between", "n0", "{}", "z"));
            Map<String, Object> p = a.nextError("action_failed");
            assertEquals("graph-actions", ((Map<?, ?>) p.get("details")).get("pluginId"));
            assertEquals(1L, server.store().current("errs").version());
        }
    }

    @Test
    void throwingAndHangingActionsFailCleanlyAndTheServerKeepsServing() throws Exception {
        start("test-fixtures");
        try (WsClient a = seeded("bad")) {
            a.send(execute("test-throw", "n0", "{}", "t"));
            Map<String, Object> thrown = a.nextError("action_failed");
            assertTrue(((String) thrown.get("message")).contains("boom"), () -> "message: " + thrown);
            assertEquals("test-fixtures", ((Map<?, ?>) thrown.get("details")).get("pluginId"));
            long start = System.nanoTime();
            a.send(execute("test-hang", "n0", "{}", "h"));
            Map<String, Object> hung = a.nextError("action_failed");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1_500 && millis < 8_000, "cut by the 2 s timeout after " + millis + " ms");
            assertTrue(((String) hung.get("message")).contains("did not finish"), () -> "message: " + hung);
            a.send(execute("test-echo", "n0", "{}", "e"));
            assertEquals(2L, WsClient.payload(a.next("apply_changes")).get("version"));
            a.sendSync(2, TestServers.graph(2, "after", 0), "s");
            assertEquals(3L, WsClient.version(a.next("sync_graph")));
        }
    }

    @Test
    void anActionRacingASyncLosesNeitherChange() throws Exception {
        start("test-fixtures");
        try (WsClient a = seeded("race"); WsClient b = WsClient.connect(server.port(), "graph=race")) {
            b.next("sync_graph");
            a.send(execute("test-slow", "n0", "{}", "slow"));
            Thread.sleep(200); // the action is running on version 1
            String edited = TestServers.graph(3, "seed", 0).replace("\"label\":\"seed\",\"pad\":\"\"}}]",
                    "\"label\":\"seed\",\"pad\":\"\"}},{\"id\":\"extra\",\"type\":\"job\",\"position\":{\"x\":0,\"y\":0}}]");
            b.sendSync(1, edited, "sync");
            assertEquals(2L, WsClient.version(b.next("sync_graph")), "the sync is accepted while the action runs");
            Map<String, Object> applied = b.next("apply_changes");
            assertEquals(3L, WsClient.payload(applied).get("version"), "the action lands after it, as version 3");
            io.flowcraft.api.Graph g = server.store().current("race").graph();
            assertTrue(g.node("extra").isPresent(), "the sync's node is still there");
            assertEquals(Boolean.TRUE, g.node("n0").orElseThrow().data().get("slow"), "and so is the action's change");
        }
    }

    @Test
    void jarsDroppedInAndRemovedAtRunTimeChangeTheCatalogue() throws Exception {
        start("graph-actions");
        try (WsClient watcher = seeded("drop")) {
            Path target = server.config().pluginsDir().resolve("test-fixtures.jar");
            Path tmp = server.config().pluginsDir().resolveSibling("copying.tmp");
            Files.copy(jar("test-fixtures"), tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Object> changed = watcher.next("catalogue_changed");
            List<?> ids = ((List<?>) WsClient.payload(changed).get("actions")).stream().map(x -> ((Map<?, ?>) x).get("id")).toList();
            assertTrue(ids.contains("test-echo"), () -> "catalogue: " + ids);
            assertTrue(actionIds().contains("test-echo"));
            watcher.send(execute("test-echo", "n1", "{}", "e"));
            assertEquals(2L, WsClient.payload(watcher.next("apply_changes")).get("version"));
            PluginJars.variant(jar("test-fixtures"), target, Map.of("Plugin-Version", "0.2.0"), null);
            watcher.next("catalogue_changed");
            Map<?, ?> replaced = ((List<?>) get("/api/plugins").get("plugins")).stream().map(x -> (Map<?, ?>) x)
                    .filter(x -> "test-fixtures".equals(x.get("id"))).findFirst().orElseThrow();
            assertEquals("0.2.0", replaced.get("version"), "a replaced jar is reloaded");
            Files.delete(target);
            watcher.next("catalogue_changed");
            assertTrue(!actionIds().contains("test-echo"));
            watcher.send(execute("test-echo", "n1", "{}", "gone"));
            watcher.nextError("unknown_action");
            watcher.send(execute("duplicate", "n1", "{}", "still"));
            assertEquals(3L, WsClient.payload(watcher.next("apply_changes")).get("version"), "the other plugin still works");
        }
    }

    @Test
    void brokenJarsAreReportedAndTheOthersWork() throws Exception {
        FlowcraftConfig config = TestServers.config(dir);
        Files.createDirectories(config.pluginsDir());
        Files.write(config.pluginsDir().resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        Path fixtures = jar("test-fixtures");
        PluginJars.variant(fixtures, config.pluginsDir().resolve("no-id.jar"), Map.of("Plugin-Id", ""), null);
        java.util.HashMap<String, String> noVersion = new java.util.HashMap<>();
        noVersion.put("Plugin-Id", "no-version");
        noVersion.put("Plugin-Version", null);
        PluginJars.variant(fixtures, config.pluginsDir().resolve("no-version.jar"), noVersion, null);
        PluginJars.variant(fixtures, config.pluginsDir().resolve("needs-other.jar"),
                Map.of("Plugin-Id", "needs-other", "Plugin-Dependencies", "nonexistent@>=1.0.0"), null);
        PluginJars.variant(fixtures, config.pluginsDir().resolve("missing-class.jar"),
                Map.of("Plugin-Id", "missing-class"), "io.flowcraft.plugins.fixtures.NoSuchAction\n");
        start("graph-actions", "test-broken-ctor");
        List<?> plugins = (List<?>) get("/api/plugins").get("plugins");
        Map<?, ?> corrupt = plugins.stream().map(p -> (Map<?, ?>) p)
                .filter(p -> String.valueOf(p.get("jar")).contains("corrupt")).findFirst().orElseThrow();
        assertEquals("FAILED", corrupt.get("state"));
        assertTrue(corrupt.get("failure") instanceof String f && !f.isBlank());
        Map<?, ?> ctor = plugins.stream().map(p -> (Map<?, ?>) p)
                .filter(p -> String.valueOf(p.get("jar")).contains("test-broken-ctor")).findFirst().orElseThrow();
        assertEquals("FAILED", ctor.get("state"), () -> "constructor that throws: " + ctor);
        assertTrue(String.valueOf(ctor.get("failure")).contains("constructor threw"), () -> "reason: " + ctor);
        for (String broken : List.of("no-id.jar", "no-version.jar", "needs-other.jar", "missing-class.jar")) {
            Map<?, ?> p = plugins.stream().map(x -> (Map<?, ?>) x).filter(x -> broken.equals(x.get("jar")))
                    .findFirst().orElseThrow(() -> new AssertionError(broken + " is not listed: " + plugins));
            assertEquals("FAILED", p.get("state"), () -> broken + ": " + p);
            assertTrue(String.valueOf(p.get("failure")).contains(broken), () -> "the reason names the jar: " + p);
        }
        assertTrue(String.valueOf(plugins.stream().map(x -> (Map<?, ?>) x).filter(x -> "needs-other.jar".equals(x.get("jar")))
                .findFirst().orElseThrow().get("failure")).contains("nonexistent"), "names the missing dependency");
        assertTrue(actionIds().contains("generate-children"));
        try (WsClient a = seeded("ok")) {
            a.send(execute("duplicate", "n0", "{}", "d"));
            assertEquals(2L, WsClient.payload(a.next("apply_changes")).get("version"));
        }
    }
}
