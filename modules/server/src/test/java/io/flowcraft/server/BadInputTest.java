package io.flowcraft.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input gets its specific error, changes nothing, and leaves the connection usable. */
class BadInputTest {
    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path dir;
    FlowcraftServer server;
    WsClient client;

    @BeforeEach
    void start() {
        server = FlowcraftServer.start(TestServers.config(dir, LIMIT, 50, 60, 1024, 32L << 20));
        client = WsClient.connect(server.port(), "graph=bad");
        client.next("sync_graph");
        client.sendSync(0, TestServers.graph(2, "ok", 0), "setup");
        client.next("sync_graph");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** The connection still works and the graph is still at version 1. */
    private void stillUsable() {
        assertEquals(1L, server.store().current("bad").version());
        client.sendSync(1, TestServers.graph(3, "after", 0), "after");
        Map<String, Object> m = client.next("sync_graph");
        assertEquals(2L, WsClient.version(m));
        assertEquals("after", m.get("correlationId"));
    }

    @Test
    void malformedJson() {
        client.send("{\"type\": \"sync_graph\", \"payload\": {");
        assertTrue(((String) client.nextError("invalid_json").get("message")).contains("not valid JSON"));
        stillUsable();
    }

    @Test
    void notAnObject() {
        client.send("[1,2,3]");
        client.nextError("invalid_json");
        stillUsable();
    }

    @Test
    void missingTypeNamesTheField() {
        client.send("{\"payload\": {}, \"correlationId\": \"k1\"}");
        Map<String, Object> m = client.next("error");
        assertEquals("k1", m.get("correlationId"), "the error echoes the correlationId");
        Map<String, Object> p = WsClient.payload(m);
        assertEquals("invalid_message", p.get("code"));
        assertEquals("type", ((Map<?, ?>) p.get("details")).get("field"));
        stillUsable();
    }

    @Test
    void unknownType() {
        client.send("{\"type\": \"make_coffee\", \"payload\": {}}");
        Map<String, Object> p = client.nextError("unknown_type");
        assertTrue(((String) p.get("message")).contains("make_coffee"));
        stillUsable();
    }

    @Test
    void missingAndIllTypedFieldsAreAllNamed() {
        client.send("{\"type\": \"sync_graph\", \"payload\": {\"version\": \"one\", \"graph\": {\"nodes\": ["
                + "{\"id\": \"a\", \"type\": \"t\", \"position\": {\"x\": \"left\", \"y\": 0}}], \"edges\": [{\"id\": \"e\", \"source\": \"a\"}]}}}");
        Map<String, Object> p = client.nextError("invalid_message");
        Map<?, ?> details = (Map<?, ?>) p.get("details");
        assertEquals("payload.version", details.get("field"));
        List<?> fields = ((List<?>) details.get("problems")).stream().map(x -> ((Map<?, ?>) x).get("field")).toList();
        assertEquals(List.of("payload.version", "payload.graph.nodes[0].position.x", "payload.graph.edges[0].target"), fields);
        stillUsable();
    }

    @Test
    void missingPayload() {
        client.send("{\"type\": \"sync_graph\"}");
        assertEquals("payload", ((Map<?, ?>) client.nextError("invalid_message").get("details")).get("field"));
        stillUsable();
    }

    @Test
    void invalidGraphListsEveryProblem() {
        String graph = "{\"nodes\":[{\"id\":\"a\",\"type\":\"t\",\"position\":{\"x\":0,\"y\":0}},"
                + "{\"id\":\"a\",\"type\":\"t\",\"position\":{\"x\":0,\"y\":0}}],"
                + "\"edges\":[{\"id\":\"e1\",\"source\":\"a\",\"target\":\"ghost\"},{\"id\":\"e2\",\"source\":\"nobody\",\"target\":\"a\"}]}";
        client.sendSync(1, graph, "inv");
        Map<String, Object> p = client.nextError("invalid_graph");
        List<?> problems = (List<?>) ((Map<?, ?>) p.get("details")).get("problems");
        List<?> codes = problems.stream().map(x -> ((Map<?, ?>) x).get("code")).toList();
        assertEquals(List.of("duplicate_node_id", "dangling_edge", "dangling_edge"), codes);
        stillUsable();
    }

    @Test
    void graphOverTheSizeLimit() {
        client.sendSync(1, TestServers.graph(51, "big", 0), "big");
        Map<String, Object> p = client.nextError("graph_too_large");
        assertEquals(50L, ((Map<?, ?>) p.get("details")).get("maxNodes"));
        stillUsable();
    }

    @Test
    void messageOverTheLimitInOneFrame() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws?graph=bad")) {
            raw.readText();
            String text = "{\"type\":\"sync_graph\",\"payload\":{\"version\":1,\"graph\":"
                    + TestServers.graph(3, "huge", LIMIT / 2) + "}}";
            raw.sendText(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(raw.readText().contains("\"message_too_large\""));
            raw.sendText("{\"type\":\"nope\",\"payload\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(raw.readText().contains("\"unknown_type\""), "the connection stays usable");
        }
        stillUsable();
    }

    @Test
    void messageOverTheLimitFromTheJdkClient() {
        client.sendSync(1, TestServers.graph(3, "huge", LIMIT), "huge");
        client.nextError("message_too_large");
        stillUsable();
    }

    @Test
    void messageOverTheLimitInFragments() {
        String text = "{\"type\":\"sync_graph\",\"payload\":{\"version\":1,\"graph\":" + TestServers.graph(3, "f", LIMIT / 2) + "}}";
        int third = text.length() / 3;
        client.sendFragments(List.of(text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third)));
        client.nextError("message_too_large");
        stillUsable();
    }

    @Test
    void fragmentedMessageUnderTheLimitIsAssembled() {
        String text = "{\"type\":\"sync_graph\",\"correlationId\":\"frag\",\"payload\":{\"version\":1,\"graph\":"
                + TestServers.graph(4, "f", 100) + "}}";
        client.sendFragments(List.of(text.substring(0, 50), text.substring(50, 200), text.substring(200)));
        Map<String, Object> m = client.next("sync_graph");
        assertEquals(2L, WsClient.version(m));
        assertEquals("frag", m.get("correlationId"));
    }

    @Test
    void frameOverTheHardLimitClosesTheConnectionWithCode1009() throws Exception {
        try (RawWebSocket abuser = RawWebSocket.connect(server.port(), "/ws?graph=bad")) {
            assertTrue(abuser.readText().contains("\"sync_graph\""));
            abuser.sendText(("\"" + "x".repeat(4 * LIMIT + 10) + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(1009, abuser.readCloseCode(), "closed as too big");
        }
        stillUsable();
    }

    @Test
    void invalidGraphIdIsRefusedWithAClearError() {
        try (WsClient c = WsClient.connect(server.port(), "graph=no%20spaces!")) {
            Map<String, Object> p = c.nextError("invalid_graph_id");
            assertTrue(((String) p.get("message")).contains("no spaces!"));
            assertTrue(c.awaitClose().startsWith("1008"));
        }
        stillUsable();
    }

    @Test
    void foreignOriginIsRefusedAndAllowedOriginAccepted() {
        HttpClient http = HttpClient.newHttpClient();
        CompletionException refused = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                .header("Origin", "http://evil.example")
                .buildAsync(WsClient.uri(server.port(), "graph=bad"), new WebSocket.Listener() { })
                .join());
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        try (WsClient ok = WsClient.connect(server.port(), "graph=bad", Map.of("Origin", "http://allowed.example"))) {
            assertEquals(1L, WsClient.version(ok.next("sync_graph")));
        }
        stillUsable();
    }

    @Test
    void binaryFrameIsRefused() {
        client.sendBinary(new byte[] {1, 2, 3});
        client.nextError("invalid_message");
        stillUsable();
    }
}
