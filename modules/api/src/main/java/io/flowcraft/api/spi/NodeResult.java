package io.flowcraft.api.spi;

import io.flowcraft.api.JsonValues;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one node run produced.
 *
 * @param output       the value sent along the node's outgoing edges (a JSON value)
 * @param activeHandle for a branching node, the output handle that fires ({@code condtrue} /
 *                     {@code condfalse}); empty for every handle
 * @param tokens       LLM tokens used, if any
 * @param metadata     anything else worth recording (a JSON object)
 */
public record NodeResult(Object output, Optional<String> activeHandle, Optional<TokenUsage> tokens,
                         Map<String, Object> metadata) {
    /** Freezes the components. */
    public NodeResult {
        output = JsonValues.freeze(output);
        Objects.requireNonNull(activeHandle, "activeHandle");
        Objects.requireNonNull(tokens, "tokens");
        metadata = JsonValues.freezeObject(metadata);
    }

    /**
     * A plain result.
     *
     * @param output the output value
     * @return the result
     */
    public static NodeResult of(Object output) {
        return new NodeResult(output, Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * A branching result.
     *
     * @param output the output value
     * @param handle the handle that fires
     * @return the result
     */
    public static NodeResult branch(Object output, String handle) {
        return new NodeResult(output, Optional.of(handle), Optional.empty(), Map.of());
    }
}
