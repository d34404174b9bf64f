package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.server.config.FlowcraftConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LLM calls through a real server with the real core-nodes and llm-openai plugin jars, against a
 * loopback stand-in of OpenAI's Chat Completions wire format: keys listed and checked without
 * being revealed, a key rotated in the env file used by the next call, streamed tokens, tokens and
 * cost per node and run, repeated calls answered by the cache, and diagrams imported into a graph.
 */
class LlmServerTest {
    private static final Json JSON = Json.create();
    private static final String FIRST_KEY = "sk-first-0123456789abcdef";
    private static final String SECOND_KEY = "sk-second-fedcba9876543210";
    private static final String DIAGRAM = """
            version: light
            nodes:
            - label: Start
              type: start
              position: {x: 0, y: 0}
            - label: Greeter
              type: person_job
              position: {x: 200, y: 0}
              person: Ada
              default_prompt: Say hello to the team.
              max_iteration: 1
            connections:
            - from: Start
              to: Greeter
            persons:
              Ada:
                service: openai
                model: gpt-4.1-mini
                api_key_id: APIKEY_NOT_CONFIGURED
                system_prompt: You are brief.
            """;

    @TempDir
    Path dir;
    private FlowcraftServer server;
    private WebServer standIn;
    private Path envFile;
    private final AtomicReference<String> acceptedKey = new AtomicReference<>(FIRST_KEY);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> chatBodies = new CopyOnWriteArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        standIn = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/v1/models", this::models).post("/v1/chat/completions", this::chat))
                .build().start();
        envFile = dir.resolve("flowcraft.env");
        Files.writeString(envFile, "OPENAI_API_KEY=" + FIRST_KEY + "\n");
        FlowcraftConfig base = TestServers.config(dir);
        FlowcraftConfig.Llm llm = new FlowcraftConfig.Llm(Duration.ofSeconds(20),
                new io.flowcraft.engine.LlmSettings.Cache(true, Duration.ofMinutes(5), 100), Map.of(),
                Map.of("openai", Map.of("base-url", "http://127.0.0.1:" + standIn.port() + "/v1")), List.of(),
                Map.of(), Optional.of(envFile), Optional.empty());
        FlowcraftConfig config = base.withLlm(llm);
        Files.createDirectories(config.pluginsDir());
        for (String plugin : List.of("core-nodes", "llm-openai")) {
            Files.copy(ActionTest.jar(plugin), config.pluginsDir().resolve(plugin + ".jar"));
        }
        server = FlowcraftServer.start(config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (standIn != null) {
            standIn.stop();
        }
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        authorizations.add(auth);
        if (!auth.equals("Bearer " + acceptedKey.get())) {
            res.status(Status.UNAUTHORIZED_401).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":{\"message\":\"Incorrect API key provided: " + auth.replace("Bearer ", "")
                            + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            return false;
        }
        return true;
    }

    private void models(ServerRequest req, ServerResponse res) {
        if (authorized(req, res)) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4.1-mini\",\"object\":\"model\"}]}");
        }
    }

    private void chat(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = Fields.asObject(JSON.parse(req.content().as(String.class)));
        if (!authorized(req, res)) {
            return;
        }
        chatBodies.add(body);
        String model = "gpt-4.1-mini-2025-04-14";
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%s},\"finish_reason\":null}]}";
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream").send(
                "data: " + chunk.formatted("\"Hello\"") + "\n\n"
                        + "data: " + chunk.formatted("\", team!\"") + "\n\n"
                        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                        + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                        + "\"total_tokens\":120}}\n\n"
                        + "data: [DONE]\n\n");
    }

    private HttpResponse<String> http(String method, String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/yaml").build(), HttpResponse.BodyHandlers.ofString());
        seen.add(r.body());
        return r;
    }

    private Map<String, Object> openai(String query) throws Exception {
        HttpResponse<String> r = http("GET", "/api/providers" + query, null);
        assertEquals(200, r.statusCode(), r.body());
        List<?> providers = (List<?>) Fields.asObject(JSON.parse(r.body())).get("providers");
        return providers.stream().map(Fields::asObject).filter(p -> p.get("id").equals("openai")).findFirst()
                .orElseThrow(() -> new AssertionError("openai is not listed: " + r.body()));
    }

    @SuppressWarnings("unchecked")
    private static String outcome(Map<String, Object> provider) {
        return (String) ((Map<String, Object>) provider.get("check")).get("outcome");
    }

    @Test
    void providersAreListedAndCheckedWithoutTheKeyAndARotatedKeyIsUsedByTheNextCall() throws Exception {
        Map<String, Object> listed = openai("");
        assertEquals(true, listed.get("keyConfigured"));
        assertEquals("OPENAI_API_KEY", listed.get("keySource"), "where the key comes from, by name");
        assertNull(listed.get("check"), "no check unless asked");
        assertTrue(authorizations.isEmpty(), "listing calls nobody");
        assertTrue(((List<?>) listed.get("pricesUsd")).size() > 3, "the bundled prices are shown");

        assertEquals("accepted", outcome(openai("?check=true")));
        assertEquals("Bearer " + FIRST_KEY, authorizations.getLast());

        acceptedKey.set(SECOND_KEY);        // the provider rotated the key: the old one is refused
        Map<String, Object> refused = openai("?check=true");
        assertEquals("rejected", outcome(refused));

        Path next = dir.resolve("flowcraft.env.new");
        Files.writeString(next, "OPENAI_API_KEY=" + SECOND_KEY + "\n");
        Files.move(next, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("accepted", outcome(openai("?check=true")), "the changed env file applies without a restart");
        assertEquals("Bearer " + SECOND_KEY, authorizations.getLast());

        HttpResponse<String> one = http("GET", "/api/providers/gpt-nope", null);
        assertEquals(404, one.statusCode(), one.body());
        HttpResponse<String> bad = http("GET", "/api/providers?check=maybe", null);
        assertEquals(400, bad.statusCode(), bad.body());
        assertNoKeyIn(seen);
    }

    @Test
    void aRunStreamsTokensCountsTokensAndCostAndTheCacheAnswersTheRepeat() throws Exception {
        HttpResponse<String> imported = http("POST", "/api/graphs/llm/import", DIAGRAM);
        assertEquals(200, imported.statusCode(), imported.body());
        Map<String, Object> result = Fields.asObject(JSON.parse(imported.body()));
        assertEquals("dipeo-light", result.get("format"));
        assertEquals(List.of(), result.get("warnings"));

        try (WsClient c = WsClient.connect(server.port(), "graph=llm")) {
            Map<String, Object> sync = c.next("sync_graph");
            assertEquals(1L, WsClient.version(sync), "the import is the graph's first version");
            List<Map<String, Object>> first = run(c, "run-1");
            List<String> streamed = first.stream().filter(m -> m.get("type").equals("node_progress"))
                    .map(m -> (String) WsClient.payload(m).get("text")).toList();
            assertEquals(List.of("Hello", ", team!"), streamed, "streamed tokens reach the client as they come");
            Map<String, Object> tokens = tokens(first, "node_completed");
            assertEquals(100L, tokens.get("input"));
            assertEquals(20L, tokens.get("output"));
            assertEquals((100 * 0.40 + 20 * 1.60) / 1e6, ((Number) tokens.get("costUsd")).doubleValue(), 1e-12,
                    "gpt-4.1-mini-2025-04-14 is priced as gpt-4.1-mini");
            assertEquals(tokens, tokens(first, "execution_completed"));
            Map<String, Object> greeted = WsClient.payload(first.stream()
                    .filter(m -> m.get("type").equals("node_completed") && WsClient.payload(m).containsKey("tokens"))
                    .findFirst().orElseThrow());
            assertEquals("Hello, team!", greeted.get("output"));

            Map<String, Object> request = chatBodies.getFirst();
            assertEquals("gpt-4.1-mini", request.get("model"));
            assertEquals(true, request.get("stream"));
            assertEquals(Map.of("role", "system", "content", "You are brief."),
                    ((List<?>) request.get("messages")).getFirst());
            assertEquals("Bearer " + FIRST_KEY, authorizations.getLast(),
                    "an api_key_id that names no key falls back to the provider's default key");

            String executionId = (String) WsClient.payload(first.getFirst()).get("executionId");
            HttpResponse<String> record = http("GET", "/api/executions/" + executionId, null);
            Map<String, Object> nodes = Fields.asObject(Fields.asObject(JSON.parse(record.body())).get("nodes"));
            assertEquals(tokens, Fields.asObject(nodes.get((String) greeted.get("nodeId"))).get("tokens"),
                    "per-node tokens in the record");

            List<Map<String, Object>> second = run(c, "run-2");
            assertEquals(1, chatBodies.size(), "the same call is answered by the cache");
            assertEquals(Map.of("input", 0L, "output", 0L, "costUsd", 0.0), tokens(second, "execution_completed"));
            Map<String, Object> cache = Fields.asObject(Fields.asObject(JSON.parse(
                    http("GET", "/api/providers", null).body())).get("cache"));
            assertEquals(1L, cache.get("hits"));
            first.forEach(m -> seen.add(JSON.write(m)));
            second.forEach(m -> seen.add(JSON.write(m)));
        }
        assertNoKeyIn(seen);
    }

    @Test
    void importingIntoAGraphBroadcastsItAndAStaleOrInvalidImportChangesNothing() throws Exception {
        try (WsClient watcher = WsClient.connect(server.port(), "graph=imp")) {
            assertEquals(0L, WsClient.version(watcher.next("sync_graph")));
            HttpResponse<String> ok = http("POST", "/api/graphs/imp/import?version=0&authorName=Ada", DIAGRAM);
            assertEquals(200, ok.statusCode(), ok.body());
            Map<String, Object> pushed = watcher.next("sync_graph");
            assertEquals(1L, WsClient.version(pushed), "connected clients receive the import");
            assertEquals(2, ((List<?>) Fields.asObject(WsClient.payload(pushed).get("graph")).get("nodes")).size());

            HttpResponse<String> stale = http("POST", "/api/graphs/imp/import?version=0", DIAGRAM);
            assertEquals(409, stale.statusCode(), stale.body());
            assertTrue(stale.body().contains("version_mismatch"), stale.body());
            HttpResponse<String> invalid = http("POST", "/api/graphs/imp/import", "nodes: [ {label: A, type: start}, ");
            assertEquals(400, invalid.statusCode(), invalid.body());
            HttpResponse<String> badId = http("POST", "/api/graphs/no%20spaces/import", DIAGRAM);
            assertEquals(400, badId.statusCode(), badId.body());
            HttpResponse<String> current = http("GET", "/api/graphs/imp", null);
            assertEquals(1L, Fields.asObject(JSON.parse(current.body())).get("version"), "nothing else was stored");
            HttpResponse<String> versions = http("GET", "/api/graphs/imp/versions", null);
            assertTrue(versions.body().contains("\"authorName\":\"Ada\""), versions.body());
        }
    }

    private static List<Map<String, Object>> run(WsClient c, String correlationId) {
        c.send("{\"type\":\"execute_diagram\",\"correlationId\":\"" + correlationId + "\",\"payload\":{}}");
        List<Map<String, Object>> messages = new ArrayList<>();
        while (true) {
            Map<String, Object> m = c.next();
            if (m.get("type").equals("presence")) {
                continue;
            }
            messages.add(m);
            String type = (String) m.get("type");
            if (type.equals("execution_failed") || type.equals("execution_cancelled")) {
                throw new AssertionError("the run did not complete: " + m);
            }
            if (type.equals("execution_completed")) {
                return messages;
            }
        }
    }

    private static Map<String, Object> tokens(List<Map<String, Object>> messages, String type) {
        return Fields.asObject(WsClient.payload(messages.stream().filter(m -> m.get("type").equals(type))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type))).get("tokens"));
    }

    private static void assertNoKeyIn(List<String> texts) {
        for (String text : texts) {
            assertFalse(text.contains(FIRST_KEY) || text.contains(SECOND_KEY) || text.contains("sk-first")
                    || text.contains("sk-second"), "a key leaked: " + text);
        }
    }
}
