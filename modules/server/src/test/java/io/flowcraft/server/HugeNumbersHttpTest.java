package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.graph.GraphSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enormous numbers in a request body (thousands of digits, an exponent of a billion) are a parse
 * error on every HTTP route that reads JSON or YAML: 400 with the route's specific error code and a
 * message saying "number too large", nothing stored, and the server answers the next request.
 */
class HugeNumbersHttpTest {
    private static final Json JSON = Json.create();
    private static final String DIGITS = "9".repeat(2500);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    FlowcraftServer server;
    String before;

    @BeforeEach
    void start() {
        server = FlowcraftServer.start(TestServers.config(dir));
        TestServers.seed(server, "g", TestServers.graph(2, "kept", 0));
        before = server.store().current("g").graphJson();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Route, content type, body, and the error code that route gives for a body it cannot parse. */
    static Stream<Arguments> bodies() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (String huge : List.of(DIGITS, "-" + DIGITS, "1e999999999", "0." + DIGITS, "1e99999999999")) {
            String node = "{\"id\":\"n0\",\"type\":\"job\",\"position\":{\"x\":0,\"y\":" + huge + "}}";
            String graph = "{\"nodes\":[" + node + "],\"edges\":[]}";
            String light = "{\"version\":\"light\",\"nodes\":[{\"label\":\"S\",\"type\":\"start\",\"n\":" + huge + "}]}";
            out.add(Arguments.of("/api/graphs/g/rollback", "application/json", "{\"version\":" + huge + "}", "invalid_json"));
            out.add(Arguments.of("/api/graphs/g/import", "application/json", graph, "invalid_diagram"));
            out.add(Arguments.of("/api/graphs/g/import?version=1", "application/json", light, "invalid_diagram"));
            out.add(Arguments.of("/api/graphs/fresh/import", "application/json", graph, "invalid_diagram"));
            out.add(Arguments.of("/api/diagrams/import", "application/json", graph, "invalid_diagram"));
            out.add(Arguments.of("/api/graphs/g/import", "application/yaml",
                    "version: light\nnodes:\n- {label: S, type: start, n: " + huge + "}\n", "invalid_diagram"));
            out.add(Arguments.of("/api/diagrams/import", "application/yaml",
                    "nodes:\n- {id: n0, type: job, position: {x: 0, y: " + huge + "}}\nedges: []\n", "invalid_diagram"));
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {1} ({3})")
    @MethodSource("bodies")
    void aHugeNumberIsA400ThatSaysSoAndStoresNothing(String path, String type, String body, String code)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, r.statusCode(), r.body());
        Map<String, Object> error = Fields.asObject(Fields.asObject(JSON.parse(r.body())).get("error"));
        assertEquals(code, error.get("code"), r.body());
        String message = (String) error.get("message");
        assertTrue(message.contains("number too large: "), message);
        assertFalse(message.contains("99999999999"), "the number is not echoed: " + message);
        assertEquals(1L, server.store().current("g").version(), "nothing was stored");
        assertEquals(before, server.store().current("g").graphJson());
        assertFalse(server.store().exists("fresh"), "no graph was created");
        assertEquals(List.of("g"), server.store().graphs().stream().map(GraphSummary::id).toList());
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/graphs/g")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), "the server still answers");
    }
}
