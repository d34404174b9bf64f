package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;
import io.flowcraft.server.config.FlowcraftConfig;
import io.flowcraft.server.security.LiveCredentials;
import io.flowcraft.server.security.Role;
import io.flowcraft.server.security.SignedTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens and the signing secret rotate without a restart: rewriting the env file (or a file in the
 * env directory) makes the next request and connection use the new value and refuse the old one
 * with {@code unauthorized}, while a WebSocket connection opened before keeps working until it
 * closes. A real server with authentication on, real files, real clients.
 */
class TokenRotationTest {
    private static final Json JSON = Json.create();
    private static final String ANN_YAML = "ann-yaml-token-000000001";
    private static final String SECRET_1 = "first-secret-0123456789abcdefghijklmn";
    private static final String SECRET_2 = "second-secret-0123456789abcdefghijklm";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    Path envFile;
    Path envDir;
    FlowcraftServer server;

    @BeforeEach
    void start() throws IOException {
        envFile = dir.resolve("keys.env");
        envDir = dir.resolve("secrets");
        Files.createDirectories(envDir);
        write(envFile, "# rotated by the operator\nFLOWCRAFT_AUTH_TOKENS_CI=operator:ci-old-token-0000001\n"
                + "FLOWCRAFT_AUTH_SECRET=" + SECRET_1 + "\n");
        FlowcraftConfig.Llm llm = FlowcraftConfig.Llm.defaults();
        server = FlowcraftServer.start(TestServers.config(dir)
                .withLlm(new FlowcraftConfig.Llm(llm.timeout(), llm.cache(), Map.of(), Map.of(), List.of(), Map.of(),
                        Optional.of(envFile), Optional.of(envDir)))
                .withSecurity(FlowcraftConfig.Security.defaults().withAuth(List.of(new FlowcraftConfig.Security.Token(
                        "ann", "editor", ANN_YAML, Optional.of(List.of("team")))), Optional.empty())));
        try (WsClient seed = WsClient.connect(server.port(), "graph=team", bearer("ci-old-token-0000001"))) {
            seed.next("sync_graph");
            seed.sendSync(0, TestServers.graph(1, "t", 0), "seed");
            seed.next("sync_graph");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStaticTokenRotatedInTheEnvFileRefusesTheOldOneAndOpenConnectionsKeepWorking() throws Exception {
        assertEquals(200, get("/api/graphs", "ci-old-token-0000001").statusCode());
        try (WsClient open = WsClient.connect(server.port(), "graph=team", bearer("ci-old-token-0000001"))) {
            open.next("sync_graph");

            write(envFile, "FLOWCRAFT_AUTH_TOKENS_CI=operator:ci-new-token-0000001\nFLOWCRAFT_AUTH_SECRET=" + SECRET_1);

            assertUnauthorized(get("/api/graphs", "ci-old-token-0000001"), "the token is not valid");
            assertEquals(200, get("/api/graphs", "ci-new-token-0000001").statusCode());
            assertEquals(401, upgradeStatus("ci-old-token-0000001"), "a new connection with the old token is refused");
            try (WsClient fresh = WsClient.connect(server.port(), "graph=team", bearer("ci-new-token-0000001"))) {
                fresh.next("sync_graph");
            }
            open.sendSync(1, TestServers.graph(2, "after", 0), "after");
            assertEquals(2L, WsClient.version(open.next("sync_graph")),
                    "a connection admitted with the old token works until it closes");
        }
    }

    @Test
    void theSigningSecretRotatedInTheEnvFileRefusesTokensSignedWithTheOldOne() throws Exception {
        String oldSigned = mint(SECRET_1);
        assertEquals(200, get("/api/graphs", oldSigned).statusCode());

        write(envFile, "FLOWCRAFT_AUTH_TOKENS_CI=operator:ci-old-token-0000001\nexport FLOWCRAFT_AUTH_SECRET=\""
                + SECRET_2 + "\"\n");

        assertUnauthorized(get("/api/graphs", oldSigned), "the token's signature is not valid");
        assertEquals(200, get("/api/graphs", mint(SECRET_2)).statusCode());
        assertEquals(200, get("/api/graphs", "ci-old-token-0000001").statusCode(), "the static token did not change");
    }

    @Test
    void theEnvDirectoryAndTheFileOverrideYamlByNameKeepingItsGraphs() throws Exception {
        assertEquals(200, get("/api/graphs/team", ANN_YAML).statusCode());
        write(envDir.resolve("FLOWCRAFT_AUTH_TOKENS_ANN"), "editor:ann-dir-token-00000001\n");

        assertUnauthorized(get("/api/graphs/team", ANN_YAML), "the token is not valid");
        assertEquals(200, get("/api/graphs/team", "ann-dir-token-00000001").statusCode());
        assertEquals(403, get("/api/graphs/other", "ann-dir-token-00000001").statusCode(),
                "the token keeps the graphs YAML limits ann to");

        write(envFile, "FLOWCRAFT_AUTH_TOKENS_ANN=editor:ann-file-token-0000001\nFLOWCRAFT_AUTH_SECRET=" + SECRET_1);
        assertUnauthorized(get("/api/graphs/team", "ann-dir-token-00000001"), "the token is not valid");
        assertUnauthorized(get("/api/graphs/team", "ci-old-token-0000001"), "the token is not valid");
        assertEquals(200, get("/api/graphs/team", "ann-file-token-0000001").statusCode(), "the file wins over the directory");

        write(envFile, "FLOWCRAFT_AUTH_TOKENS_ANN=\nFLOWCRAFT_AUTH_SECRET=" + SECRET_1);
        assertUnauthorized(get("/api/graphs/team", "ann-file-token-0000001"), "the token is not valid");
        assertUnauthorized(get("/api/graphs/team", ANN_YAML), "the token is not valid"); // an empty value revokes ann

        Files.delete(envDir.resolve("FLOWCRAFT_AUTH_TOKENS_ANN"));
        write(envFile, "FLOWCRAFT_AUTH_SECRET=" + SECRET_1);
        assertEquals(200, get("/api/graphs/team", ANN_YAML).statusCode(), "without the variable, YAML's token is back");
    }

    @Test
    void aBadRotatedValueRefusesThatTokenAndIsNamedWithoutItsValue() throws Exception {
        write(envFile, "FLOWCRAFT_AUTH_TOKENS_CI=admin:ci-bad-role-token-001\nFLOWCRAFT_AUTH_SECRET=too-short");
        assertUnauthorized(get("/api/graphs", "ci-bad-role-token-001"), "the token is not valid");
        assertUnauthorized(get("/api/graphs", "ci-old-token-0000001"), "the token is not valid");
        assertUnauthorized(get("/api/graphs", mint(SECRET_1)), "the token is not valid");
        assertEquals(200, get("/api/graphs/team", ANN_YAML).statusCode(), "other tokens are unaffected");

        LiveCredentials.Snapshot now = LiveCredentials.of(server.config()).check();
        assertEquals(List.of("FLOWCRAFT_AUTH_SECRET", "FLOWCRAFT_AUTH_TOKENS_CI"),
                now.problems().stream().map(p -> p.substring(0, p.indexOf(' '))).sorted().toList(), now.problems()::toString);
        assertFalse(now.problems().toString().contains("too-short") || now.problems().toString().contains("ci-bad"),
                now.problems()::toString);
    }

    @Test
    void atStartTheEnvFileAndDirectoryCountAndTheirBadValuesAreNamed() throws Exception {
        write(envDir.resolve("FLOWCRAFT_AUTH_SECRET"), SECRET_2 + "\n");
        Map<String, String> env = Map.of("FLOWCRAFT_AUTH_ENABLED", "true", "FLOWCRAFT_ENV_DIR", envDir.toString());
        FlowcraftConfig config = ConfigLoader.load(Optional.empty(), Map.of(), env);
        assertEquals(Optional.empty(), config.security().secret(), "the configuration's own layers have none");
        assertEquals(Optional.of(SECRET_2), LiveCredentials.of(config).current().secret(), "the directory has it");

        write(envDir.resolve("FLOWCRAFT_AUTH_TOKENS_BOT"), "viewer:short");
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(), env))
                .getMessage();
        assertTrue(m.contains("FLOWCRAFT_AUTH_TOKENS_BOT (from the env file or directory) needs a token of at least 16"), m);
        assertFalse(m.contains("viewer:short"), m);
    }

    // ------------------------------------------------------------------ helpers

    /** Writes a file as operators rotate secrets: a new file renamed over the old one. */
    private static void write(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String mint(String secret) {
        Instant now = Instant.now();
        return new SignedTokens(secret).mint("sam", Role.EDITOR, now, now.plus(Duration.ofHours(1)), Optional.empty());
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int upgradeStatus(String token) {
        CompletionException e = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(WsClient.uri(server.port(), "graph=team"), new WebSocket.Listener() { }).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e::toString);
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    private static void assertUnauthorized(HttpResponse<String> res, String message) {
        assertEquals(401, res.statusCode(), res::body);
        Map<String, Object> error = Fields.asObject(Fields.asObject(JSON.parse(res.body())).get("error"));
        assertEquals("unauthorized", error.get("code"), res::body);
        assertEquals(message, error.get("message"), res::body);
    }
}
