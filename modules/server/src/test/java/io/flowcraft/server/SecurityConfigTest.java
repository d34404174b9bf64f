package io.flowcraft.server;

import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;
import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowcraft.auth.*}, {@code flowcraft.limits.*} and {@code flowcraft.metrics.token}: the
 * defaults (authentication off), tokens from YAML and from the environment, every bad value named
 * without showing a secret, and the shipped production configuration.
 */
class SecurityConfigTest {
    private static final String SECRET = "a-secret-of-at-least-32-characters-long";

    @TempDir
    Path dir;

    @Test
    void authenticationIsOffByDefaultWithGenerousLimits() {
        FlowcraftConfig.Security s = ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).security();
        assertEquals(FlowcraftConfig.Security.defaults(), s, "flowcraft-defaults.yaml and Security.defaults() agree");
        assertFalse(s.authEnabled());
        assertEquals(new FlowcraftConfig.Security.Limits(200, 400, 1000, 1000, 0, 16, 64), s.limits());
    }

    @Test
    void tokensComeFromYamlAndTheEnvironment() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                flowcraft:
                  auth:
                    enabled: true
                    tokens:
                      ann: {role: editor, token: "ann-token-0123456789", graphs: [team-a, team-b]}
                      bob: "viewer:bob-token-0123456789"
                  limits:
                    messages-per-second: 50
                    connections-per-address: 8
                """);
        FlowcraftConfig.Security s = ConfigLoader.load(Optional.of(file), Map.of(), Map.of(
                "FLOWCRAFT_AUTH_TOKENS_CI_BOT", "operator:ci-token-0123456789ab",
                "FLOWCRAFT_AUTH_SECRET", SECRET, "FLOWCRAFT_LIMITS_BURST", "75")).security();
        assertTrue(s.authEnabled());
        assertEquals(List.of(
                new FlowcraftConfig.Security.Token("ann", "editor", "ann-token-0123456789", Optional.of(List.of("team-a", "team-b"))),
                new FlowcraftConfig.Security.Token("bob", "viewer", "bob-token-0123456789", Optional.empty()),
                new FlowcraftConfig.Security.Token("ci_bot", "operator", "ci-token-0123456789ab", Optional.empty())),
                s.tokens().stream().sorted(java.util.Comparator.comparing(FlowcraftConfig.Security.Token::name)).toList());
        assertEquals(Optional.of(SECRET), s.secret());
        assertEquals(50, s.limits().messagesPerSecond());
        assertEquals(75, s.limits().burst());
        assertEquals(8, s.limits().connectionsPerAddress());
        String shown = s.toString();
        assertFalse(shown.contains("token-0123") || shown.contains(SECRET), shown);
        assertTrue(shown.contains("ann:editor"), shown);
    }

    @Test
    void badSecuritySettingsAreNamedWithoutTheirSecrets() {
        Map<String, String> env = Map.of("FLOWCRAFT_AUTH_ENABLED", "true", "FLOWCRAFT_AUTH_SECRET", "short-secret",
                "FLOWCRAFT_AUTH_TOKENS_EVE", "admin:eve-token-0123456789", "FLOWCRAFT_AUTH_TOKENS_TINY", "viewer:tiny",
                "FLOWCRAFT_LIMITS_MESSAGES_PER_SECOND", "0", "FLOWCRAFT_METRICS_TOKEN", "m");
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(), env)).getMessage();
        assertTrue(m.contains("flowcraft.auth.secret: must be at least 32 characters"), m);
        assertTrue(m.contains("flowcraft.auth.tokens.eve: needs a role of viewer, editor or operator"), m);
        assertTrue(m.contains("flowcraft.auth.tokens.tiny: the token must be at least 16 characters"), m);
        assertTrue(m.contains("flowcraft.limits.messages-per-second: must be a whole number from 1"), m);
        assertTrue(m.contains("flowcraft.metrics.token: must be at least 16 characters"), m);
        assertFalse(m.contains("short-secret") || m.contains("eve-token") || m.contains("viewer:tiny"), m);

        String none = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("FLOWCRAFT_AUTH_ENABLED", "true"))).getMessage();
        assertTrue(none.contains("flowcraft.auth.enabled: is true, but no token"), none);
    }

    @Test
    void theProductionConfigurationTurnsAuthenticationOn() {
        Path production = Path.of("../../config/production.yaml");
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(production), Map.of(), Map.of()),
                "it does not start without a token or secret");
        FlowcraftConfig c = ConfigLoader.load(Optional.of(production), Map.of(), Map.of("FLOWCRAFT_AUTH_SECRET", SECRET,
                "FLOWCRAFT_METRICS_TOKEN", "metrics-token-0123456789"));
        assertTrue(c.security().authEnabled());
        assertEquals("0.0.0.0", c.host());
        assertEquals(Optional.of("metrics-token-0123456789"), c.security().metricsToken());
        assertEquals(50, c.security().limits().connectionsPerAddress());
    }
}
