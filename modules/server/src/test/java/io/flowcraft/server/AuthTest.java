package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.server.config.FlowcraftConfig;
import io.flowcraft.server.security.AccessPolicy;
import io.flowcraft.server.security.Role;
import io.flowcraft.server.security.SignedTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication and roles against a real server with authentication on: every WebSocket message
 * type and every HTTP route, for each role, is allowed or refused as the table in
 * {@code docs/protocol.md} says; tokens missing, wrong, expired, tampered, of the wrong role, static
 * and signed; the transports (header, subprotocol, query); the Origin check; graph-limited tokens.
 */
class AuthTest {
    private static final Json JSON = Json.create();
    private static final String SECRET = "auth-test-secret-0123456789abcdefghij";
    private static final Map<Role, String> TOKENS = Map.of(
            Role.VIEWER, "viewer-token-00000000001",
            Role.EDITOR, "editor-token-00000000001",
            Role.OPERATOR, "operator-token-000000001");
    private static final String LIMITED = "limited-token-0000000001";

    /** The role each client message type needs (the contract; the server's table must match it). */
    private static final Map<String, Role> MESSAGES = Map.ofEntries(
            Map.entry("hello", Role.VIEWER),
            Map.entry("sync_graph", Role.EDITOR), Map.entry("patch_graph", Role.EDITOR),
            Map.entry("execute_action", Role.EDITOR), Map.entry("presence", Role.EDITOR),
            Map.entry("broadcast_event", Role.EDITOR),
            Map.entry("execute_diagram", Role.OPERATOR), Map.entry("pause_execution", Role.OPERATOR),
            Map.entry("resume_execution", Role.OPERATOR), Map.entry("cancel_execution", Role.OPERATOR),
            Map.entry("user_response", Role.OPERATOR));

    /** A valid payload of each client message type. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("hello", "{\"capabilities\":[\"patch\"]}"),
            Map.entry("sync_graph", "{\"version\":0,\"graph\":{\"nodes\":[],\"edges\":[]}}"),
            Map.entry("patch_graph", "{\"baseVersion\":0,\"ops\":[{\"op\":\"add_node\",\"node\":{\"id\":\"n1\","
                    + "\"type\":\"t\",\"position\":{\"x\":0,\"y\":0}}}]}"),
            Map.entry("execute_action", "{\"actionId\":\"none\",\"nodeId\":\"n1\"}"),
            Map.entry("presence", "{\"name\":\"Ann\"}"),
            Map.entry("broadcast_event", "{\"tool\":\"x\"}"),
            Map.entry("execute_diagram", "{\"diagram\":{\"nodes\":[],\"edges\":[]}}"),
            Map.entry("pause_execution", "{\"executionId\":\"x\"}"),
            Map.entry("resume_execution", "{\"executionId\":\"x\"}"),
            Map.entry("cancel_execution", "{\"executionId\":\"x\"}"),
            Map.entry("user_response", "{\"executionId\":\"x\",\"nodeId\":\"n\",\"response\":\"r\"}"));

    /**
     * What each route needs: {@code public}, a role, {@code health} (public by default) or
     * {@code metrics} (public without a metrics token). The server's table must match it, and every
     * route the server registers and {@code docs/protocol.md} documents must be here.
     */
    private static final Map<String, String> ROUTES = routes();

    private static Map<String, String> routes() {
        Map<String, String> r = new LinkedHashMap<>();
        for (String open : List.of("/", "/index.html", "/graphs/*", "/assets/*", "/favicon.svg")) {
            r.put("GET " + open, "public");
        }
        r.put("GET /health/*", "health");
        r.put("GET /metrics/*", "metrics");
        r.put("GET /ws", "viewer");
        r.put("GET /api/graphs", "viewer");
        r.put("GET /api/graphs/{id}", "viewer");
        r.put("GET /api/graphs/{id}/versions", "viewer");
        r.put("GET /api/graphs/{id}/versions/{version}", "viewer");
        r.put("POST /api/graphs/{id}/rollback", "editor");
        r.put("POST /api/graphs/{id}/import", "editor");
        r.put("POST /api/diagrams/import", "editor");
        r.put("GET /api/executions", "viewer");
        r.put("GET /api/executions/{id}", "viewer");
        r.put("GET /api/node-types", "viewer");
        r.put("GET /api/actions", "viewer");
        r.put("GET /api/plugins", "operator");
        r.put("GET /api/providers", "operator");
        r.put("GET /api/providers/{id}", "operator");
        return r;
    }

    @TempDir
    static Path dir;
    static FlowcraftServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        List<FlowcraftConfig.Security.Token> tokens = new ArrayList<>();
        TOKENS.forEach((role, token) -> tokens.add(new FlowcraftConfig.Security.Token(role.wire(), role.wire(), token,
                Optional.empty())));
        tokens.add(new FlowcraftConfig.Security.Token("limited", "operator", LIMITED, Optional.of(List.of("mine"))));
        server = FlowcraftServer.start(TestServers.config(dir).withSecurity(
                FlowcraftConfig.Security.defaults().withAuth(tokens, Optional.of(SECRET))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ the tables

    @Test
    void everyMessageTypeHasARole() throws IOException {
        Set<String> schemas = new TreeSet<>();
        try (Stream<Path> files = Files.list(ProtocolSchemas.DIR.resolve("client"))) {
            files.map(f -> f.getFileName().toString().replace(".schema.json", "")).forEach(schemas::add);
        }
        assertEquals(schemas, new TreeSet<>(MESSAGES.keySet()), "every client message type (docs/schemas/client) "
                + "has a role in this test's table");
        assertEquals(MESSAGES, AccessPolicy.MESSAGES, "the server's table is the documented one");
        assertEquals(schemas, new TreeSet<>(SAMPLES.keySet()), "every client message type has a sample here");
    }

    @Test
    void everyRouteHasARule() throws IOException {
        Set<String> registered = new TreeSet<>();
        Pattern route = Pattern.compile("\\.(get|post|put|delete|patch|head|any)\\(\"(/[^\"]*)\"");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/flowcraft/server/http"))) {
            for (Path f : files.toList()) {
                Matcher m = route.matcher(Files.readString(f));
                while (m.find()) {
                    registered.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
                }
            }
        }
        assertTrue(registered.size() > 15, () -> "found the registered routes: " + registered);
        registered.removeAll(ROUTES.keySet());
        assertEquals(Set.of(), registered, "routes registered in server/http without an entry in this test's table");

        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/api/[^`?\\s]*)")
                .matcher(Files.readString(Path.of("../../docs/protocol.md")));
        while (m.find()) {
            documented.add(m.group(1) + " " + m.group(2).replaceAll("\\{[^}]*}", "{}"));
        }
        Set<String> api = new TreeSet<>(ROUTES.keySet().stream().filter(r -> r.contains(" /api/"))
                .map(r -> r.replaceAll("\\{[^}]*}", "{}")).toList());
        assertEquals(api, documented, "docs/protocol.md documents exactly the /api routes of the table");

        Map<String, String> server = new LinkedHashMap<>();
        for (AccessPolicy.Rule rule : AccessPolicy.ROUTES) {
            server.put(rule.method() + " " + rule.path(), switch (rule.access()) {
                case PUBLIC -> "public";
                case HEALTH -> "health";
                case METRICS -> "metrics";
                case TOKEN -> rule.role().wire();
            });
        }
        assertEquals(ROUTES, server, "the server's table is the documented one");
    }

    // ------------------------------------------------------------------ every route, every role

    static Stream<Arguments> routeCalls() {
        List<Arguments> out = new ArrayList<>();
        for (String route : ROUTES.keySet()) {
            out.add(Arguments.of(route, "none"));
            for (Role r : Role.values()) {
                out.add(Arguments.of(route, r.wire()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("routeCalls")
    void routeIsGuardedAsTheTableSays(String route, String caller) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "g1").replace("{version}", "0")
                .replace("/graphs/*", "/graphs/g1").replace("/assets/*", "/assets/none.js").replace("/*", "");
        Optional<String> token = caller.equals("none") ? Optional.empty()
                : Optional.of(TOKENS.get(Role.parse(caller).orElseThrow()));
        HttpResponse<String> res = call(method, path, token, body(path));
        String needs = ROUTES.get(route);
        Optional<Role> role = Role.parse(needs);
        if (role.isEmpty()) {
            assertFalse(res.statusCode() == 401 || res.statusCode() == 403, () -> route + " is open: " + res.body());
        } else if (token.isEmpty()) {
            assertEquals(401, res.statusCode(), res::body);
            assertEquals("unauthorized", errorCode(res));
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        } else if (!Role.parse(caller).orElseThrow().includes(role.get())) {
            assertEquals(403, res.statusCode(), res::body);
            assertEquals("unauthorized", errorCode(res));
            assertTrue(res.body().contains("needs " + role.get().wire()), res::body);
        } else {
            assertFalse(res.statusCode() == 401 || res.statusCode() == 403, () -> route + " as " + caller + ": "
                    + res.statusCode() + " " + res.body());
        }
    }

    private static String body(String path) {
        if (path.endsWith("/rollback")) {
            return "{\"version\":0}";
        }
        return path.endsWith("/import") ? "{\"nodes\":[],\"edges\":[]}" : null;
    }

    // ------------------------------------------------------------------ every message type, every role

    static Stream<Arguments> messageSends() {
        List<Arguments> out = new ArrayList<>();
        for (String type : new TreeSet<>(MESSAGES.keySet())) {
            for (Role r : Role.values()) {
                out.add(Arguments.of(type, r));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("messageSends")
    void messageIsAllowedOrRefusedAsTheTableSays(String type, Role role) {
        try (WsClient c = WsClient.connect(server.port(), "graph=m-" + type + "-" + role.wire(),
                Map.of("Authorization", "Bearer " + TOKENS.get(role)))) {
            c.next("sync_graph");
            c.send("{\"type\":\"" + type + "\",\"correlationId\":\"m\",\"payload\":" + SAMPLES.get(type) + "}");
            c.send("{\"type\":\"hello\",\"correlationId\":\"probe\",\"payload\":{\"capabilities\":[]}}");
            List<Map<String, Object>> answers = untilProbe(c);
            Optional<Map<String, Object>> refused = answers.stream().filter(m -> "error".equals(m.get("type"))
                    && "m".equals(m.get("correlationId")) && "unauthorized".equals(WsClient.payload(m).get("code")))
                    .findFirst();
            if (role.includes(MESSAGES.get(type))) {
                assertEquals(Optional.empty(), refused, type + " is allowed to " + role);
            } else {
                assertTrue(refused.isPresent(), () -> type + " is refused to " + role + ": " + answers);
                Map<String, Object> details = Fields.asObject(WsClient.payload(refused.get()).get("details"));
                assertEquals(Map.of("type", type, "role", role.wire(), "requiredRole", MESSAGES.get(type).wire()), details);
                assertTrue(String.valueOf(WsClient.payload(refused.get()).get("message")).contains(type));
            }
        }
    }

    /** Messages up to the answer to the probe {@code hello}, which proves the connection is still open. */
    private static List<Map<String, Object>> untilProbe(WsClient c) {
        List<Map<String, Object>> seen = new ArrayList<>();
        while (true) {
            Map<String, Object> m = c.next();
            if ("probe".equals(m.get("correlationId"))) {
                return seen;
            }
            seen.add(m);
        }
    }

    // ------------------------------------------------------------------ tokens

    private static String signed(Role role, Duration ttl, Optional<List<String>> graphs) {
        Instant now = Instant.now();
        return new SignedTokens(SECRET).mint("ann", role, now.minusSeconds(5), now.plus(ttl), graphs);
    }

    @Test
    void badTokensAreRefusedAtTheUpgradeAndOnHttp() {
        String valid = signed(Role.EDITOR, Duration.ofMinutes(5), Optional.empty());
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"ann\",\"role\":\"operator\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String foreign = new SignedTokens(SECRET + "x").mint("ann", Role.OPERATOR, Instant.now(),
                Instant.now().plusSeconds(300), Optional.empty());
        Map<String, Optional<String>> bad = new LinkedHashMap<>();
        bad.put("missing", Optional.empty());
        bad.put("wrong", Optional.of("not-a-token-of-this-server"));
        bad.put("expired", Optional.of(signed(Role.OPERATOR, Duration.ofSeconds(-1), Optional.empty())));
        bad.put("tampered", Optional.of(tampered));
        bad.put("foreign", Optional.of(foreign));
        bad.forEach((what, token) -> {
            assertEquals(401, refusedUpgrade("graph=t", token.map(t -> Map.of("Authorization", "Bearer " + t))
                    .orElse(Map.of())), what);
            HttpResponse<String> res = call("GET", "/api/graphs", token, null);
            assertEquals(401, res.statusCode(), what);
            assertEquals("unauthorized", errorCode(res), what);
        });
        assertEquals(403, call("GET", "/api/plugins", Optional.of(valid), null).statusCode(), "editor is not operator");
        assertEquals(200, call("GET", "/api/graphs", Optional.of(valid), null).statusCode());
    }

    @Test
    void tokensTravelAsHeaderSubprotocolOrQueryAndTheHelloNamesTheRole() {
        String operator = signed(Role.OPERATOR, Duration.ofMinutes(5), Optional.empty());
        try (WsClient c = WsClient.connect(server.port(), "graph=roles", Map.of("Authorization", "Bearer " + operator))) {
            c.next("sync_graph");
            c.send("{\"type\":\"hello\",\"payload\":{\"capabilities\":[]}}");
            assertEquals("operator", WsClient.payload(c.next("hello")).get("role"));
        }
        try (WsClient c = WsClient.connect(server.port(), "graph=roles&token=" + TOKENS.get(Role.VIEWER))) {
            c.next("sync_graph");
            c.send("{\"type\":\"hello\",\"payload\":{\"capabilities\":[]}}");
            assertEquals("viewer", WsClient.payload(c.next("hello")).get("role"));
        }
        WebSocket ws = HTTP.newWebSocketBuilder().subprotocols("flowcraft", "flowcraft.bearer." + TOKENS.get(Role.EDITOR))
                .header("Origin", "http://allowed.example")
                .buildAsync(WsClient.uri(server.port(), "graph=roles"), new WebSocket.Listener() { })
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertEquals("flowcraft", ws.getSubprotocol(), "the server selects the plain subprotocol, never the token");
        ws.abort();
    }

    @Test
    void foreignOriginIsRefusedEvenWithAValidToken() {
        String token = TOKENS.get(Role.OPERATOR);
        Map<String, String> evil = Map.of("Origin", "http://evil.example");
        assertEquals(403, refusedUpgrade("graph=o&token=" + token, evil));
        CompletionException e = assertThrows(CompletionException.class, () -> HTTP.newWebSocketBuilder()
                .subprotocols("flowcraft", "flowcraft.bearer." + token).header("Origin", "http://evil.example")
                .buildAsync(WsClient.uri(server.port(), "graph=o"), new WebSocket.Listener() { }).join());
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        assertEquals(401, refusedUpgrade("graph=o", Map.of("Origin", "http://allowed.example")));
        try (WsClient ok = WsClient.connect(server.port(), "graph=o&token=" + token,
                Map.of("Origin", "http://allowed.example"))) {
            ok.next("sync_graph");
        }
    }

    @Test
    void tokensLimitedToGraphsReachOnlyThoseGraphs() {
        Optional<String> limited = Optional.of(LIMITED);
        assertEquals(403, refusedUpgrade("graph=other", Map.of("Authorization", "Bearer " + LIMITED)));
        assertEquals(403, call("GET", "/api/graphs/other", limited, null).statusCode());
        assertEquals(403, call("GET", "/api/graphs", limited, null).statusCode(), "the list shows every graph");
        assertEquals(403, call("GET", "/api/executions", limited, null).statusCode());
        assertEquals(200, call("GET", "/api/executions?graphId=mine", limited, null).statusCode());
        assertEquals(200, call("GET", "/api/node-types", limited, null).statusCode());
        String signedLimited = signed(Role.OPERATOR, Duration.ofMinutes(5), Optional.of(List.of("mine")));
        assertEquals(403, refusedUpgrade("graph=other", Map.of("Authorization", "Bearer " + signedLimited)));
        try (WsClient c = WsClient.connect(server.port(), "graph=mine", Map.of("Authorization", "Bearer " + LIMITED))) {
            c.next("sync_graph");
            c.send("{\"type\":\"execute_diagram\",\"correlationId\":\"x\",\"payload\":{\"graphId\":\"other\"}}");
            Map<String, Object> error = c.nextError("unauthorized");
            assertEquals(Map.of("type", "execute_diagram", "graphId", "other"), Fields.asObject(error.get("details")));
        }
        assertNotEquals(403, call("GET", "/api/graphs/mine", limited, null).statusCode());
    }

    @Test
    void pathTricksNeverReachAPublicRule() throws IOException {
        for (String path : List.of("/assets/../api/plugins", "/assets/%2e%2e/api/plugins", "/api//plugins",
                "/graphs/../api/graphs")) {
            String status = rawGet(path);
            assertFalse(status.contains(" 200 "), () -> path + " answered " + status);
        }
    }

    @Test
    void healthAndMetricsFollowTheirSettings(@TempDir Path other) {
        assertEquals(200, call("GET", "/health", Optional.empty(), null).statusCode(), "health is public by default");
        FlowcraftConfig.Security security = new FlowcraftConfig.Security(true, List.of(new FlowcraftConfig.Security.Token(
                "viewer", "viewer", TOKENS.get(Role.VIEWER), Optional.empty()), new FlowcraftConfig.Security.Token(
                "ops", "operator", TOKENS.get(Role.OPERATOR), Optional.empty())), Optional.empty(), false,
                Optional.of("metrics-token-0000000001"), FlowcraftConfig.Security.Limits.defaults());
        try (FlowcraftServer s = FlowcraftServer.start(TestServers.config(other).withSecurity(security))) {
            assertEquals(401, call(s, "GET", "/health", Optional.empty(), null).statusCode());
            assertEquals(200, call(s, "GET", "/health", Optional.of(TOKENS.get(Role.VIEWER)), null).statusCode());
            assertEquals(401, call(s, "GET", "/metrics", Optional.empty(), null).statusCode());
            assertEquals(200, call(s, "GET", "/metrics", Optional.of("metrics-token-0000000001"), null).statusCode());
            assertEquals(403, call(s, "GET", "/metrics", Optional.of(TOKENS.get(Role.VIEWER)), null).statusCode());
            assertEquals(200, call(s, "GET", "/metrics", Optional.of(TOKENS.get(Role.OPERATOR)), null).statusCode());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int refusedUpgrade(String query, Map<String, String> headers) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        headers.forEach(b::header);
        CompletionException e = assertThrows(CompletionException.class, () -> b.buildAsync(
                WsClient.uri(server.port(), query), new WebSocket.Listener() { }).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e::toString);
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    private static HttpResponse<String> call(String method, String path, Optional<String> token, String body) {
        return call(server, method, path, token, body);
    }

    private static HttpResponse<String> call(FlowcraftServer s, String method, String path, Optional<String> token,
                                             String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String errorCode(HttpResponse<String> res) {
        return String.valueOf(Fields.asObject(Fields.asObject(JSON.parse(res.body())).get("error")).get("code"));
    }

    /** The status line of a GET sent as is (the JDK client would normalise the path). */
    private static String rawGet(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
