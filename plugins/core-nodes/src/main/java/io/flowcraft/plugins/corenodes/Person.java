package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmGateway;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.NodeContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A person (LLM agent) of the diagram's {@code persons}, as a node names it in its {@code person}
 * field: {@code service}, {@code model}, {@code system_prompt}, {@code temperature},
 * {@code max_tokens}, {@code api_key_id} (also read from a nested {@code llm_config}, as DiPeO's
 * native format keeps them). Immutable.
 *
 * @param name         the key in {@code persons}
 * @param service      the LLM service id or alias
 * @param model        the model id
 * @param systemPrompt the system prompt, if any
 * @param temperature  the sampling temperature, if set
 * @param maxTokens    the most tokens to generate, if set
 * @param apiKeyId     the key id, if set
 */
record Person(String name, String service, String model, Optional<String> systemPrompt, OptionalDouble temperature,
              OptionalInt maxTokens, Optional<String> apiKeyId) {

    /** The person the node's {@code person} field names; fails naming the diagram's persons. */
    static Person of(NodeContext context) {
        String name = Fields.string(context.data(), "person")
                .orElseThrow(() -> new NodeFailure("the " + context.nodeType() + " node names no person (field 'person')"));
        Map<?, ?> persons = context.diagramFields().get("persons") instanceof Map<?, ?> m ? m : Map.of();
        Object spec = persons.get(name);
        if (spec == null) {
            spec = persons.values().stream()
                    .filter(p -> p instanceof Map<?, ?> pm && name.equals(pm.get("label")))
                    .findFirst().orElse(null);
        }
        if (!(spec instanceof Map<?, ?> raw)) {
            throw new NodeFailure("unknown person '" + name + "'; " + (persons.isEmpty()
                    ? "the diagram defines no persons"
                    : "the diagram's persons are: " + String.join(", ", new TreeSet<>(
                    persons.keySet().stream().map(String::valueOf).toList()))));
        }
        Map<String, Object> fields = new HashMap<>();
        if (raw.get("llm_config") instanceof Map<?, ?> config) {
            config.forEach((k, v) -> fields.put(String.valueOf(k), v));
        }
        raw.forEach((k, v) -> fields.put(String.valueOf(k), v));
        String service = Fields.string(fields, "service")
                .orElseThrow(() -> new NodeFailure("person '" + name + "' has no service (persons." + name + ".service)"));
        String model = Fields.string(fields, "model")
                .orElseThrow(() -> new NodeFailure("person '" + name + "' has no model (persons." + name + ".model)"));
        OptionalDouble temperature = switch (fields.get("temperature")) {
            case Number n -> OptionalDouble.of(n.doubleValue());
            case String s when !s.isBlank() -> OptionalDouble.of(Double.parseDouble(s.strip()));
            case null, default -> OptionalDouble.empty();
        };
        var maxTokens = Fields.integer(fields, "max_tokens");
        return new Person(name, service, model, Fields.string(fields, "system_prompt"), temperature,
                maxTokens.isPresent() ? OptionalInt.of((int) maxTokens.getAsLong()) : OptionalInt.empty(),
                Fields.string(fields, "api_key_id"));
    }

    /**
     * One completion with this person's settings; an LLM failure becomes a {@link NodeFailure}
     * naming the person, service and model.
     */
    LlmResponse complete(LlmGateway llm, List<LlmMessage> messages) throws InterruptedException {
        LlmRequest request = new LlmRequest(model, systemPrompt, messages, temperature, maxTokens, apiKeyId);
        try {
            return llm.complete(service, request);
        } catch (LlmCallException e) {
            throw new NodeFailure(describe() + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new NodeFailure(describe() + " failed: " + e, e);
        }
    }

    /** {@code person 'Judge' (service openai, model gpt-5)}. */
    String describe() {
        return "person '" + name + "' (service " + service + ", model " + model + ")";
    }
}
