package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.spi.ConversationMemory;
import io.flowcraft.api.spi.LlmGateway;
import io.flowcraft.api.spi.NodeContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link NodeContext} for the person nodes: fixed fields, inputs, variables and diagram
 * fields, an iteration, a node id, a scripted LLM gateway and a shared in-memory memory.
 */
record LlmTestContext(String nodeId, String nodeType, int iteration, Map<String, Object> data,
                      Map<String, Object> inputs, Map<String, Object> variables, Map<String, Object> diagramFields,
                      LlmGateway llm, ConversationMemory memory) implements NodeContext {
    static final Map<String, Object> PERSONS = Map.of("persons", Map.of(
            "Optimist", Map.of("service", "openai", "model", "gpt-5-nano", "api_key_id", "KEY_1",
                    "system_prompt", "You argue with enthusiasm.", "temperature", 0.5, "max_tokens", 200),
            "Judge", Map.of("llm_config", Map.of("service", "claude", "model", "claude-x")),
            "Nameless", Map.of("service", "openai")));

    LlmTestContext {
        data = JsonValues.freezeObject(data);
        inputs = JsonValues.freezeObject(inputs);
        variables = JsonValues.freezeObject(variables);
        diagramFields = JsonValues.freezeObject(diagramFields);
    }

    /** Node {@code node-1} of {@code type}, first run, these fields, no inputs, the test persons. */
    static LlmTestContext of(String type, Map<String, ?> data, LlmGateway llm, ConversationMemory memory) {
        return new LlmTestContext("node-1", type, 0, JsonValues.freezeObject(data), Map.of(), Map.of(), PERSONS,
                llm, memory);
    }

    LlmTestContext withInputs(Map<String, ?> in) {
        return new LlmTestContext(nodeId, nodeType, iteration, data, JsonValues.freezeObject(in), variables,
                diagramFields, llm, memory);
    }

    LlmTestContext withVariables(Map<String, ?> vars) {
        return new LlmTestContext(nodeId, nodeType, iteration, data, inputs, JsonValues.freezeObject(vars),
                diagramFields, llm, memory);
    }

    /** The same node's run number {@code n} (0 for the first). */
    LlmTestContext run(int n) {
        return new LlmTestContext(nodeId, nodeType, n, data, inputs, variables, diagramFields, llm, memory);
    }

    /** Another node speaking, on its run {@code n}. */
    LlmTestContext node(String id, int n) {
        return new LlmTestContext(id, nodeType, n, data, inputs, variables, diagramFields, llm, memory);
    }

    @Override
    public String executionId() {
        return "exec-1";
    }

    @Override
    public Path baseDir() {
        return Path.of(".");
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
