package io.flowcraft.server;

import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;
import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layered configuration: defaults, YAML file, environment, flags; bad values named. */
class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsFromTheJar() {
        FlowcraftConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertEquals(8080, c.port());
        assertEquals("127.0.0.1", c.host());
        assertEquals(10_000, c.maxNodes());
        assertEquals(List.of(), c.webSocket().allowedOrigins());
        assertTrue(c.fsync());
    }

    @Test
    void fileThenEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                flowcraft:
                  server:
                    port: 9000
                  graph:
                    max-nodes: 500
                  history:
                    max-age: 30d
                  websocket:
                    allowed-origins: [ "http://localhost:5173" ]
                """);
        FlowcraftConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        assertEquals(9000, fromFile.port());
        assertEquals(500, fromFile.maxNodes());
        assertEquals(Duration.ofDays(30), fromFile.historyMaxAge());
        assertEquals(List.of("http://localhost:5173"), fromFile.webSocket().allowedOrigins());

        Map<String, String> env = Map.of("FLOWCRAFT_SERVER_PORT", "9100", "FLOWCRAFT_GRAPH_MAX_NODES", "600",
                "FLOWCRAFT_WEBSOCKET_ALLOWED_ORIGINS", "http://a.example, http://b.example:8000");
        FlowcraftConfig fromEnv = ConfigLoader.load(Optional.of(file), Map.of(), env);
        assertEquals(9100, fromEnv.port());
        assertEquals(600, fromEnv.maxNodes());
        assertEquals(List.of("http://a.example", "http://b.example:8000"), fromEnv.webSocket().allowedOrigins());

        FlowcraftConfig fromFlags = ConfigLoader.load(Optional.of(file), Map.of("flowcraft.server.port", "9200"), env);
        assertEquals(9200, fromFlags.port());
    }

    @Test
    void everyBadValueIsNamedWithWhatIsAllowed() {
        Map<String, String> env = Map.of("FLOWCRAFT_SERVER_PORT", "eighty", "FLOWCRAFT_GRAPH_MAX_NODES", "0",
                "FLOWCRAFT_STORE_FSYNC", "maybe", "FLOWCRAFT_HISTORY_MAX_AGE", "forever",
                "FLOWCRAFT_WEBSOCKET_ALLOWED_ORIGINS", "not an origin");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(), env));
        String m = e.getMessage();
        assertTrue(m.contains("flowcraft.server.port: must be a whole number from 0 to 65535, got 'eighty'"), m);
        assertTrue(m.contains("flowcraft.graph.max-nodes"), m);
        assertTrue(m.contains("flowcraft.store.fsync: must be true or false"), m);
        assertTrue(m.contains("flowcraft.history.max-age"), m);
        assertTrue(m.contains("flowcraft.websocket.allowed-origins"), m);
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("nope.yaml does not exist"));
    }

    @Test
    void malformedYamlIsAnError() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "flowcraft:\n  server: [unclosed\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());
    }

    @Test
    void mainStopsWithTheMessageAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--port", "99999", "--data-dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("flowcraft.server.port"), err.toString(StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("listening"));
        assertEquals(2, Main.run(new String[] {"--bogus"}, new PrintStream(out), new PrintStream(err)));
    }
}
