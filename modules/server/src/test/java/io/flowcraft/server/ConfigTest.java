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
    void llmKeysProvidersPricesAndSecretsComeFromTheFile() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                flowcraft:
                  env-file: /run/flowcraft/keys.env
                  llm:
                    timeout: 45s
                    cache:
                      enabled: false
                      ttl: 10m
                      max-entries: 50
                    keys:
                      APIKEY_52609F: sk-team-key
                    providers:
                      openai:
                        base-url: http://localhost:11434/v1
                        max-retries: 5
                    prices:
                      - {provider: openai, model: llama3.2, input: 0, output: 0}
                      - {provider: openai, model: gpt-4.1-mini, input: 0.5, output: 2}
                  secrets:
                    notion: secret_abc
                """);
        FlowcraftConfig.Llm llm = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).llm();
        assertEquals(Duration.ofSeconds(45), llm.timeout());
        assertFalse(llm.cache().enabled());
        assertEquals(Duration.ofMinutes(10), llm.cache().ttl());
        assertEquals(50, llm.cache().maxEntries());
        assertEquals(Map.of("APIKEY_52609F", "sk-team-key"), llm.keys());
        assertEquals(Map.of("openai", Map.of("base-url", "http://localhost:11434/v1", "max-retries", "5")),
                llm.providers());
        assertEquals(List.of("llama3.2", "gpt-4.1-mini"), llm.prices().stream().map(p -> p.model()).toList());
        assertEquals(0.5, llm.prices().get(1).inputPerMillion());
        assertEquals(Map.of("notion", "secret_abc"), llm.secrets());
        assertEquals(Optional.of(Path.of("/run/flowcraft/keys.env")), llm.envFile());
        assertFalse(llm.toString().contains("sk-team-key") || llm.toString().contains("secret_abc"),
                "key values stay out of toString: " + llm);

        FlowcraftConfig.Llm fromEnv = ConfigLoader.load(Optional.of(file), Map.of(), Map.of(
                "FLOWCRAFT_LLM_CACHE_ENABLED", "true", "FLOWCRAFT_ENV_DIR", "/run/secrets")).llm();
        assertTrue(fromEnv.cache().enabled());
        assertEquals(Optional.of(Path.of("/run/secrets")), fromEnv.envDir());

        FlowcraftConfig.Llm defaults = ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).llm();
        assertTrue(defaults.cache().enabled());
        assertEquals(Duration.ofHours(1), defaults.cache().ttl());
        assertEquals(Optional.empty(), defaults.envFile());
    }

    @Test
    void badLlmSettingsAreNamed() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                flowcraft:
                  llm:
                    timeout: soon
                    cache:
                      max-entries: -1
                    keys:
                      team: {nested: value}
                    providers: just-a-string
                    prices:
                      - {provider: openai, model: gpt-4.1, input: -1, output: 2}
                      - {provider: openai, input: 1, output: 2}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of(),
                Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("flowcraft.llm.timeout"), m);
        assertTrue(m.contains("flowcraft.llm.cache.max-entries"), m);
        assertTrue(m.contains("flowcraft.llm.keys.team: must be a single value"), m);
        assertTrue(m.contains("flowcraft.llm.providers: must map provider ids"), m);
        assertTrue(m.contains("flowcraft.llm.prices[0]") && m.contains("flowcraft.llm.prices[1]"), m);
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
