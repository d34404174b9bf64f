package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.web.WebApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the browser editor needs from the server: presence, graph names in the catalogue, diagram
 * import (JSON, YAML, DiPeO light), and the editor's own files at {@code /} and {@code /graphs/ID}.
 */
class EditorSupportTest {
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

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> body(String text) {
        return Fields.asObject(JSON.parse(text));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v) {
        assertTrue(v instanceof List<?>, () -> "an array: " + v);
        return (List<Object>) v;
    }

    private static List<Object> users(Map<String, Object> presence) {
        return list(WsClient.payload(presence).get("users"));
    }

    @Test
    void presenceListsWhoHasTheGraphOpenAndWhatTheyEdit() {
        try (WsClient ann = WsClient.connect(server.port(), "graph=pres&protocol=2")) {
            ann.next("sync_graph");
            ann.send("{\"type\":\"hello\",\"payload\":{\"capabilities\":[\"patch\",\"presence\"]}}");
            Map<String, Object> hello = WsClient.payload(ann.next("hello"));
            assertEquals(List.of("patch", "presence"), hello.get("capabilities"));
            String annId = (String) hello.get("connectionId");
            assertEquals(1, users(ann.next("presence")).size(), "alone at first");
            ann.send("{\"type\":\"presence\",\"payload\":{\"name\":\"Ann\",\"editing\":null}}");
            assertEquals(List.of(Map.of("connectionId", annId, "name", "Ann")),
                    users(ann.next("presence")).stream().map(u -> withoutNulls(u)).toList());

            try (WsClient bob = WsClient.connect(server.port(), "graph=pres&protocol=2");
                 WsClient elsewhere = WsClient.connect(server.port(), "graph=other&protocol=2")) {
                bob.next("sync_graph");
                elsewhere.next("sync_graph");
                assertEquals(2, users(ann.next("presence")).size(), "Ann sees Bob join");
                bob.send("{\"type\":\"hello\",\"payload\":{\"capabilities\":[\"patch\",\"presence\"]}}");
                bob.next("hello");
                assertEquals(2, users(bob.next("presence")).size());
                assertEquals(2, users(ann.next("presence")).size());
                bob.send("{\"type\":\"presence\",\"payload\":{\"name\":\"Bob\",\"editing\":\"n1\"}}");
                List<Object> seen = users(ann.next("presence"));
                assertEquals(Map.of("name", "Bob", "editing", "n1"),
                        withoutIds(Fields.asObject(seen.get(1))), "Ann sees what Bob edits");
                bob.next("presence");

                bob.send("{\"type\":\"presence\",\"payload\":{\"name\":" + JSON.write("x".repeat(65)) + "}}");
                assertEquals("payload.name", bob.nextError("invalid_message").get("details") instanceof Map<?, ?> d
                        ? d.get("field") : null, "an over-long name is refused by field");
                elsewhere.expectNothing(Duration.ofMillis(200));
            }
            List<Object> after = users(ann.next("presence"));
            assertEquals(1, after.size(), "Bob left: Ann is alone again");
        }
    }

    private static Map<String, Object> withoutNulls(Object user) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Fields.asObject(user));
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    private static Map<String, Object> withoutIds(Map<String, Object> user) {
        Map<String, Object> m = withoutNulls(user);
        m.remove("connectionId");
        return m;
    }

    @Test
    void theCatalogueShowsEachGraphsNameAndTheHistoryWhoChangedIt() throws Exception {
        try (WsClient c = WsClient.connect(server.port(), "graph=named&protocol=2");
             WsClient u = WsClient.connect(server.port(), "graph=unnamed")) {
            c.next("sync_graph");
            u.next("sync_graph");
            c.send("{\"type\":\"presence\",\"payload\":{\"name\":\"Ann\"}}");
            c.send("{\"type\":\"patch_graph\",\"payload\":{\"baseVersion\":0,\"ops\":[{\"op\":\"set_field\","
                    + "\"key\":\"name\",\"value\":\"Quarterly report\"}]}}");
            c.next("graph_patch");
        }
        List<Object> graphs = list(body(new String(get("/api/graphs").body(), StandardCharsets.UTF_8))
                .get("graphs"));
        Map<String, Object> named = graphs.stream().map(Fields::asObject).filter(g -> "named".equals(g.get("id")))
                .findFirst().orElseThrow();
        assertEquals("Quarterly report", named.get("name"));
        Map<String, Object> unnamed = graphs.stream().map(Fields::asObject)
                .filter(g -> "unnamed".equals(g.get("id"))).findFirst().orElseThrow();
        assertTrue(unnamed.containsKey("name") && unnamed.get("name") == null, "an unnamed graph's name is null");
        Map<String, Object> v1 = Fields.asObject(list(body(new String(get("/api/graphs/named/versions").body(),
                StandardCharsets.UTF_8)).get("versions")).getFirst());
        assertEquals("Ann", v1.get("authorName"), v1::toString);
        Map<String, Object> v0 = Fields.asObject(list(body(new String(get("/api/graphs/named/versions").body(),
                StandardCharsets.UTF_8)).get("versions")).getLast());
        assertTrue(v0.containsKey("authorName"), () -> "authorName is always present: " + v0);
    }

    @Test
    void importTurnsJsonYamlAndDipeoLightIntoAGraphWithoutStoringIt() throws Exception {
        String light = """
                version: light
                nodes:
                  - label: Start
                    type: start
                    position: {x: 10, y: 20}
                  - label: Ask
                    type: user_response
                    position: {x: 200, y: 20}
                    prompt: Your name?
                  - label: Mystery
                    type: no_such_type
                    position: {x: 400, y: 20}
                connections:
                  - {from: Start, to: Ask}
                  - {from: Ask, to: Mystery, label: name}
                """;
        HttpResponse<String> r = post("/api/diagrams/import", "application/yaml", light);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> answer = body(r.body());
        assertEquals("dipeo-light", answer.get("format"));
        Map<String, Object> graph = Fields.asObject(answer.get("graph"));
        assertEquals(List.of("start", "ask", "mystery"), list(graph.get("nodes")).stream()
                .map(n -> Fields.asObject(n).get("id")).toList());
        assertEquals("name", Fields.asObject(list(graph.get("edges")).get(1)).get("label"));
        assertTrue(list(answer.get("warnings")).stream()
                        .anyMatch(w -> "unknown_node_type".equals(Fields.asObject(w).get("code"))),
                () -> "the unknown node type is named: " + answer.get("warnings"));

        HttpResponse<String> json = post("/api/diagrams/import", "application/json",
                "{\"nodes\":[{\"id\":\"a\",\"type\":\"start\",\"position\":{\"x\":0,\"y\":0}}],\"edges\":[]}");
        assertEquals(200, json.statusCode(), json.body());
        assertEquals("flowcraft", body(json.body()).get("format"));

        HttpResponse<String> broken = post("/api/diagrams/import", "text/plain", "nodes: [unclosed");
        assertEquals(400, broken.statusCode());
        Map<String, Object> error = Fields.asObject(body(broken.body()).get("error"));
        assertEquals("invalid_diagram", error.get("code"));
        assertTrue(((String) error.get("message")).contains("not valid YAML"), error.toString());

        HttpResponse<String> dangling = post("/api/diagrams/import", "application/json",
                "{\"nodes\":[],\"edges\":[{\"id\":\"e\",\"source\":\"x\",\"target\":\"y\"}]}");
        assertEquals(400, dangling.statusCode(), dangling.body());
        assertTrue(!list(Fields.asObject(body(dangling.body()).get("error")).get("problems")).isEmpty());
        assertEquals(List.of(), list(body(new String(get("/api/graphs").body(), StandardCharsets.UTF_8))
                .get("graphs")), "importing stores nothing");
    }

    @Test
    void theEditorIsServedAtTheRootAndAtEveryGraphUrl() throws Exception {
        assertTrue(WebApp.bundled().built(), "modules/web was built (npm run build) before the server's tests");
        HttpResponse<byte[]> index = get("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=UTF-8", index.headers().firstValue("Content-Type").orElse(""));
        String html = new String(index.body(), StandardCharsets.UTF_8);
        assertEquals(html, new String(get("/graphs/my-graph").body(), StandardCharsets.UTF_8),
                "a graph's URL opens the editor, which routes itself");
        Matcher script = Pattern.compile("src=\"/(assets/[^\"]+\\.js)\"").matcher(html);
        assertTrue(script.find(), () -> "index.html loads a bundled script: " + html);

        HttpResponse<byte[]> plain = get("/" + script.group(1));
        assertEquals(200, plain.statusCode());
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(plain.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        HttpResponse<byte[]> zipped = get("/" + script.group(1), "Accept-Encoding", "gzip");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(zipped.body().length < plain.body().length / 2, "the script compresses well");
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8), gunzip(zipped.body()));

        assertEquals(404, get("/assets/../module-info.class").statusCode());
        assertEquals(404, get("/assets/nothing-here.js").statusCode());
        assertEquals(200, get("/api/graphs").statusCode(), "the API is not shadowed");
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
