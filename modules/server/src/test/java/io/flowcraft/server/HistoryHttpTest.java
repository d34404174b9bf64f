package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API: catalogue, history, and rollback broadcast like any change. */
class HistoryHttpTest {
    private static final Json JSON = Json.create();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    FlowcraftServer server;

    @BeforeEach
    void start() {
        server = FlowcraftServer.start(TestServers.config(dir));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> body(HttpResponse<String> r) {
        return Fields.asObject(JSON.parse(r.body()));
    }

    @Test
    void listHistoryFetchAndRollBack() throws Exception {
        try (WsClient a = WsClient.connect(server.port(), "graph=hist");
             WsClient b = WsClient.connect(server.port(), "graph=hist")) {
            a.next("sync_graph");
            b.next("sync_graph");
            for (int v = 0; v < 3; v++) {
                a.sendSync(v, TestServers.graph(v + 2, "v" + (v + 1), 0), "s" + v);
                a.next("sync_graph");
                b.next("sync_graph");
            }
            Map<String, Object> catalogue = body(get("/api/graphs"));
            List<?> graphs = (List<?>) catalogue.get("graphs");
            Map<?, ?> hist = (Map<?, ?>) graphs.stream().filter(g -> "hist".equals(((Map<?, ?>) g).get("id"))).findFirst().orElseThrow();
            assertEquals(3L, hist.get("version"));
            assertEquals(4L, hist.get("nodes"));

            HttpResponse<String> versions = get("/api/graphs/hist/versions");
            assertEquals(200, versions.statusCode());
            List<?> list = (List<?>) body(versions).get("versions");
            assertEquals(List.of(3L, 2L, 1L), list.stream().map(x -> ((Map<?, ?>) x).get("version")).toList());
            Map<?, ?> newest = (Map<?, ?>) list.getFirst();
            assertEquals("sync", newest.get("kind"));
            assertTrue(((String) newest.get("author")).startsWith("c"), "author is the connection");
            assertTrue((Long) newest.get("sizeBytes") > 100);
            assertTrue(newest.get("createdAt") instanceof String);

            Map<String, Object> v1 = body(get("/api/graphs/hist/versions/1"));
            assertEquals(1L, v1.get("version"));
            assertEquals(2, ((List<?>) Fields.asObject(v1.get("graph")).get("nodes")).size());
            Map<String, Object> v3 = body(get("/api/graphs/hist/versions/3"));
            assertTrue(((String) v3.get("author")).startsWith("c"), "who changed it");
            List<?> ops = (List<?>) v3.get("ops");
            assertEquals(List.of("update_node", "update_node", "update_node", "add_node", "add_edge"),
                    ops.stream().map(o -> ((Map<?, ?>) o).get("op")).toList(), "what changed: v3 relabels 3 nodes, adds 1");

            HttpResponse<String> rolled = post("/api/graphs/hist/rollback", "{\"version\": 1}");
            assertEquals(200, rolled.statusCode(), rolled.body());
            assertEquals(4L, body(rolled).get("version"));
            for (WsClient c : List.of(a, b)) {
                Map<String, Object> m = c.next("sync_graph");
                assertEquals(4L, WsClient.version(m));
                assertEquals(2, WsClient.nodes(m).size(), "version 1's content is back");
            }
            Map<String, Object> current = body(get("/api/graphs/hist"));
            assertEquals(4L, current.get("version"));
            assertEquals("rollback:1", ((Map<?, ?>) ((List<?>) body(get("/api/graphs/hist/versions?limit=1"))
                    .get("versions")).getFirst()).get("kind"));
        }
    }

    @Test
    void errorsAreSpecific() throws Exception {
        assertEquals(404, get("/api/graphs/never-seen").statusCode());
        assertEquals(400, get("/api/graphs/bad%20id").statusCode());
        try (WsClient a = WsClient.connect(server.port(), "graph=errs")) {
            a.next("sync_graph");
        }
        HttpResponse<String> missing = get("/api/graphs/errs/versions/7");
        assertEquals(404, missing.statusCode());
        assertEquals("unknown_version", ((Map<?, ?>) body(missing).get("error")).get("code"));
        assertEquals(400, post("/api/graphs/errs/rollback", "{nope").statusCode());
        assertEquals(400, post("/api/graphs/errs/rollback", "{\"version\": \"x\"}").statusCode());
        assertEquals(404, post("/api/graphs/errs/rollback", "{\"version\": 9}").statusCode());
        assertEquals(400, get("/api/graphs/errs/versions?limit=0").statusCode());
        assertEquals(0L, server.store().current("errs").version(), "nothing changed");
    }
}
