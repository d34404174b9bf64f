package io.flowcraft.plugins.notion;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.spi.NodeContext;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link NodeContext} like the engine's for one node run: fixed fields and inputs, the operator's
 * secrets, a timeout and a real JDK HTTP client standing in for the host's shared one.
 */
record TestContext(Map<String, Object> data, Map<String, Object> inputs, Map<String, String> secrets,
                   Duration timeout, HttpClient http) implements NodeContext {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestContext {
        data = JsonValues.freezeObject(data);
        inputs = JsonValues.freezeObject(inputs);
        secrets = Map.copyOf(secrets);
    }

    /** A run with these fields, no inputs, these secrets and a 30 s timeout. */
    static TestContext of(Map<String, ?> data, Map<String, String> secrets) {
        return new TestContext(JsonValues.freezeObject(data), Map.of(), secrets, Duration.ofSeconds(30), CLIENT);
    }

    TestContext withInputs(Map<String, ?> in) {
        return new TestContext(data, JsonValues.freezeObject(in), secrets, timeout, http);
    }

    TestContext withTimeout(Duration t) {
        return new TestContext(data, inputs, secrets, t, http);
    }

    @Override
    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    @Override
    public String executionId() {
        return "exec-1";
    }

    @Override
    public String nodeId() {
        return "notion-1";
    }

    @Override
    public Map<String, Object> variables() {
        return Map.of();
    }

    @Override
    public int iteration() {
        return 0;
    }

    @Override
    public Path baseDir() {
        return Path.of(".");
    }
}
