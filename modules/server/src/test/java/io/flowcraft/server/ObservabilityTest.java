package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /metrics} in Prometheus format and {@code /health} of a real server doing real work. */
class ObservabilityTest {
    private static final Json JSON = Json.create();

    @TempDir
    Path dir;
    private FlowcraftServer server;

    @BeforeEach
    void start() throws IOException {
        FlowcraftConfig config = TestServers.config(dir);
        Files.createDirectories(config.pluginsDir());
        Files.copy(ActionTest.jar("core-nodes"), config.pluginsDir().resolve("core-nodes.jar"));
        Files.writeString(config.pluginsDir().resolve("broken.jar"), "not a jar");
        server = FlowcraftServer.start(config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series, e.g. {@code flowcraft_executions_total{status="failed"}}; 0 when absent. */
    private static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            List<String> have = List.of(m.group(1).split(","));
            if (labels.isEmpty() || List.of(labels.split(",")).stream().allMatch(have::contains)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        Matcher plain = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        if (labels.isEmpty() && plain.find()) {
            sum += Double.parseDouble(plain.group(1));
        }
        return sum;
    }

    private static List<Map<String, Object>> run(WsClient c, String diagram) {
        c.send("{\"type\":\"execute_diagram\",\"payload\":{\"diagram\":" + ExecutionTest.diagram(diagram) + "}}");
        List<Map<String, Object>> seen = new java.util.ArrayList<>();
        while (true) {
            Map<String, Object> m = c.next();
            seen.add(m);
            if (List.of("execution_completed", "execution_failed", "execution_cancelled").contains(m.get("type"))) {
                return seen;
            }
        }
    }

    @Test
    void metricsCountConnectionsChangesRunsNodesAndPluginFailures() throws Exception {
        try (WsClient a = WsClient.connect(server.port(), "graph=obs"); WsClient b = WsClient.connect(server.port(),
                "graph=obs")) {
            long v = WsClient.version(a.next("sync_graph"));
            b.next("sync_graph");
            a.sendSync(v, TestServers.graph(3, "x", 10), "s1");
            a.next("sync_graph");
            b.next("sync_graph");
            b.sendSync(v, TestServers.graph(3, "y", 10), "stale");      // stale: version_mismatch
            assertEquals("version_mismatch", b.next("sync_graph").get("error"));
            a.send("{\"type\":\"no_such_type\",\"payload\":{}}");
            a.next("error");
            run(a, "linear");
            run(a, "failing");

            HttpResponse<String> scraped = get("/metrics");
            assertEquals(200, scraped.statusCode(), scraped::body);
            String metrics = scraped.body();
            assertEquals(2, value(metrics, "flowcraft_websocket_connections", ""), metrics);
            assertEquals(1, value(metrics, "flowcraft_graph_changes_total", "kind=\"sync\",result=\"accepted\""));
            assertEquals(1, value(metrics, "flowcraft_graph_changes_total", "kind=\"sync\",result=\"version_mismatch\""));
            assertEquals(1, value(metrics, "flowcraft_websocket_errors_total", "code=\"unknown_type\""), metrics);
            assertEquals(1, value(metrics, "flowcraft_executions_total", "status=\"completed\""));
            assertEquals(1, value(metrics, "flowcraft_executions_total", "status=\"failed\""));
            assertEquals(0, value(metrics, "flowcraft_executions_active", ""));
            assertTrue(value(metrics, "flowcraft_node_executions_seconds_count", "type=\"start\"") >= 2, metrics);
            assertTrue(value(metrics, "flowcraft_node_executions_seconds_bucket", "type=\"start\"") > 0,
                    "node durations are a histogram");
            assertTrue(value(metrics, "flowcraft_node_errors_total", "") >= 1, metrics);
            assertEquals(1, value(metrics, "flowcraft_plugins_load_failures", ""), "the broken jar is counted");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        double open = 2;
        while (open > 0 && System.nanoTime() < deadline) {
            open = value(get("/metrics").body(), "flowcraft_websocket_connections", "");
            Thread.sleep(20);
        }
        assertEquals(0, open, "both connections closed");
    }

    @Test
    void logLinesAboutARunNameItsExecutionAndNodeAsJson() throws Exception {
        try (LogCapture capture = LogCapture.start(io.flowcraft.server.ops.LogFormats.formatter(
                io.flowcraft.server.ops.LogFormats.Format.JSON));
             WsClient c = WsClient.connect(server.port(), "graph=logs")) {
            List<String> lines = capture.lines();
            c.next("sync_graph");
            List<Map<String, Object>> events = run(c, "failing");
            String executionId = (String) WsClient.payload(events.getFirst()).get("executionId");
            Map<String, Object> failed = lines.stream().map(l -> Fields.asObject(JSON.parse(l)))
                    .filter(m -> String.valueOf(m.get("message")).contains("failed:") && m.containsKey("nodeId"))
                    .findFirst().orElseThrow(() -> new AssertionError("no log line about the failed node: " + lines));
            assertEquals(executionId, failed.get("executionId"));
            assertEquals("INFO", failed.get("level"));
            assertTrue(lines.stream().allMatch(l -> l.endsWith("}\n") && l.indexOf('\n') == l.length() - 1),
                    "one JSON object per line: " + lines);
        }
    }

    @Test
    void healthSaysLiveAndReadyWithDetails() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        Map<String, Object> body = Fields.asObject(JSON.parse(ready.body()));
        assertEquals("UP", body.get("status"));
        String text = ready.body();
        assertTrue(text.contains("\"store\"") && text.contains("\"plugins\"") && text.contains("broken.jar"), text);
        HttpResponse<String> all = get("/health");
        assertEquals(200, all.statusCode());
        assertTrue(all.body().contains("\"server\""), all.body());
    }
}
