package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits against a real server: a connection's message rate (refused messages are answered
 * {@code rate_limited} and accepted again after the bucket refills; a flood closes the connection),
 * the number of connections (server-wide and per address), and runs going at once (per graph and
 * per server).
 */
class LimitsTest {
    @TempDir
    Path dir;
    FlowcraftServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FlowcraftServer start(int perSecond, int burst, int refusalsBeforeClose, int connections, int perAddress,
                                  int runsPerGraph, int runs) throws IOException {
        FlowcraftConfig config = TestServers.config(dir).withSecurity(FlowcraftConfig.Security.defaults().withLimits(
                new FlowcraftConfig.Security.Limits(perSecond, burst, refusalsBeforeClose, connections, perAddress,
                        runsPerGraph, runs)));
        Files.createDirectories(config.pluginsDir());
        Files.copy(ActionTest.jar("core-nodes"), config.pluginsDir().resolve("core-nodes.jar"));
        server = FlowcraftServer.start(config);
        return server;
    }

    private static String hello(String correlationId) {
        return "{\"type\":\"hello\",\"correlationId\":\"" + correlationId + "\",\"payload\":{\"capabilities\":[]}}";
    }

    @Test
    void aBurstOverTheRateIsRefusedAndAcceptedAgainAfterRefill() throws Exception {
        start(2, 5, 1000, 100, 0, 4, 4);
        try (WsClient c = WsClient.connect(server.port(), "graph=rate")) {
            c.next("sync_graph");
            int sent = 25;
            long began = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                c.send(hello("h" + i));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            int accepted = 0;
            Map<String, Object> lastRefusal = null;
            for (int i = 0; i < sent; i++) {
                Map<String, Object> m = c.next();
                if ("hello".equals(m.get("type"))) {
                    accepted++;
                } else {
                    Map<String, Object> p = WsClient.payload(m);
                    assertEquals("rate_limited", p.get("code"), () -> "unexpected " + m);
                    lastRefusal = Fields.asObject(p.get("details"));
                }
            }
            assertTrue(accepted >= 5, "the burst is accepted: " + accepted);
            assertTrue(accepted <= 5 + (int) Math.ceil(seconds * 2) + 1, "then 2 a second: " + accepted + " in " + seconds);
            assertTrue(lastRefusal != null, "the rest is refused");
            long retryAfter = (Long) lastRefusal.get("retryAfterMs");
            assertTrue(retryAfter > 0 && retryAfter <= 500, "a token every 500 ms: " + retryAfter);
            assertEquals(2L, lastRefusal.get("messagesPerSecond"));
            assertEquals(5L, lastRefusal.get("burst"));
            Thread.sleep(retryAfter);
            c.send(hello("again"));
            Map<String, Object> again = c.next("hello");
            assertEquals("again", again.get("correlationId"), "accepted again after refill, on the same connection");
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "(?m)^flowcraft_refusals_total\\{[^}]*limit=\"rate\"[^}]*} (\\S+)$").matcher(metrics);
            assertTrue(m.find(), metrics);
            assertEquals(sent - accepted, (int) Double.parseDouble(m.group(1)), "each refusal is counted");
        }
    }

    @Test
    void aConnectionThatKeepsFloodingIsClosedBadMessagesCountingToo() throws Exception {
        start(1, 2, 10, 100, 0, 4, 4);
        try (WsClient c = WsClient.connect(server.port(), "graph=flood")) {
            c.next("sync_graph");
            try {
                for (int i = 0; i < 40; i++) {
                    switch (i % 3) {
                        case 0 -> c.send(hello("f" + i));
                        case 1 -> c.send("{not json");
                        default -> c.sendBinary(new byte[] {1, 2, 3});
                    }
                }
            } catch (CompletionException e) {
                // the server closed the connection while we were still sending
            }
            String close = c.awaitClose();
            assertTrue(close.startsWith("1008 rate limit exceeded repeatedly"), close);
        }
        try (WsClient fresh = WsClient.connect(server.port(), "graph=flood")) {
            fresh.next("sync_graph");
        }
    }

    @Test
    void connectionsOverTheLimitAreRefusedAtTheUpgrade() throws Exception {
        start(100, 100, 1000, 3, 0, 4, 4);
        WsClient a = WsClient.connect(server.port(), "graph=c");
        WsClient b = WsClient.connect(server.port(), "graph=c");
        try (WsClient c = WsClient.connect(server.port(), "graph=c")) {
            a.next("sync_graph");
            b.next("sync_graph");
            c.next("sync_graph");
            assertEquals(503, refusedUpgrade("graph=other"));
            a.close();
            awaitClients("c", 2);
            try (WsClient d = WsClient.connect(server.port(), "graph=other")) {
                d.next("sync_graph");
            }
        } finally {
            b.close();
        }
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        start(100, 100, 1000, 100, 2, 4, 4);
        try (WsClient a = WsClient.connect(server.port(), "graph=p"); WsClient b = WsClient.connect(server.port(), "graph=p")) {
            a.next("sync_graph");
            b.next("sync_graph");
            assertEquals(503, refusedUpgrade("graph=p"));
        }
    }

    @Test
    void runsOverThePerGraphOrServerLimitAreRefusedNamingTheLimit() throws Exception {
        start(100, 100, 1000, 100, 0, 1, 2);
        try (WsClient a = withDiagram("ea"); WsClient b = withDiagram("eb"); WsClient c = withDiagram("ec")) {
            a.send(execute("a1"));
            String first = (String) WsClient.payload(awaitAnswer(a, "a1", "execution_started")).get("executionId");
            a.send(execute("a2"));
            Map<String, Object> perGraph = WsClient.payload(awaitAnswer(a, "a2", "error"));
            assertEquals("too_many_executions", perGraph.get("code"));
            assertEquals(Map.of("limit", 1L, "scope", "graph", "setting", "flowcraft.limits.executions-per-graph"),
                    Fields.asObject(perGraph.get("details")));

            b.send(execute("b1"));
            awaitAnswer(b, "b1", "execution_started");
            c.send(execute("c1"));
            Map<String, Object> perServer = WsClient.payload(awaitAnswer(c, "c1", "error"));
            assertEquals("too_many_executions", perServer.get("code"));
            assertEquals("server", Fields.asObject(perServer.get("details")).get("scope"));
            assertTrue(String.valueOf(perServer.get("message")).contains("flowcraft.limits.executions"));

            a.send("{\"type\":\"cancel_execution\",\"payload\":{\"executionId\":\"" + first + "\"}}");
            awaitAnswer(a, null, "execution_cancelled");
            for (int attempt = 0; ; attempt++) {
                c.send(execute("c" + (attempt + 2)));
                Map<String, Object> m = awaitAnswer(c, "c" + (attempt + 2), null);
                if ("execution_started".equals(m.get("type"))) {
                    break;
                }
                assertEquals("too_many_executions", WsClient.payload(m).get("code"));
                assertTrue(attempt < 50, "the cancelled run's slot is given back");
                Thread.sleep(100);
            }
        }
    }

    /** A client of a graph whose current version is a diagram that waits for an answer. */
    private WsClient withDiagram(String graph) {
        WsClient c = WsClient.connect(server.port(), "graph=" + graph);
        c.next("sync_graph");
        c.sendSync(0, ExecutionTest.diagram("ask"), "store");
        c.next("sync_graph");
        return c;
    }

    private static String execute(String correlationId) {
        return "{\"type\":\"execute_diagram\",\"correlationId\":\"" + correlationId + "\",\"payload\":{}}";
    }

    /**
     * The first message answering {@code correlationId} (any, when null) of the given type (or, when
     * {@code type} is null, the first answer of any type), skipping the run's other events.
     */
    private static Map<String, Object> awaitAnswer(WsClient c, String correlationId, String type) {
        while (true) {
            Map<String, Object> m = c.next();
            boolean answers = correlationId == null || correlationId.equals(m.get("correlationId"));
            boolean typed = type == null ? "error".equals(m.get("type")) || "execution_started".equals(m.get("type"))
                    : type.equals(m.get("type"));
            if (answers && typed) {
                return m;
            }
        }
    }

    private int refusedUpgrade(String query) {
        CompletionException e = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(WsClient.uri(server.port(), query), new WebSocket.Listener() { })
                .join());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    private void awaitClients(String graph, int n) throws InterruptedException {
        for (int i = 0; i < 100 && server.clients(graph) != n; i++) {
            Thread.sleep(50);
        }
        assertEquals(n, server.clients(graph));
    }
}
