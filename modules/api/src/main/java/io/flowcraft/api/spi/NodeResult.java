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
 * @param variables    run variables this node sets for the nodes after it (a code job's top-level
 *                     variables, as in DiPeO's shared namespace); empty for most nodes
 */
public record NodeResult(Object output, Optional<String> activeHandle, Optional<TokenUsage> tokens,
                         Map<String, Object> metadata, Map<String, Object> variables) {
    /** Freezes the components. */
    public NodeResult {
        output = JsonValues.freeze(output);
        Objects.requireNonNull(activeHandle, "activeHandle");
        Objects.requireNonNull(tokens, "tokens");
        metadata = JsonValues.freezeObject(metadata);
        variables = JsonValues.freezeObject(variables);
    }

    /**
     * A result that sets no variables.
     *
     * @param output       the output value
     * @param activeHandle the handle that fires, if branching
     * @param tokens       LLM tokens used
     * @param metadata     anything else worth recording
     */
    public NodeResult(Object output, Optional<String> activeHandle, Optional<TokenUsage> tokens,
                      Map<String, Object> metadata) {
        this(output, activeHandle, tokens, metadata, Map.of());
    }

    /**
     * A copy that also sets run variables.
     *
     * @param vars the variables to set
     * @return the copy
     */
    public NodeResult withVariables(Map<String, ?> vars) {
        return new NodeResult(output, activeHandle, tokens, metadata, JsonValues.freezeObject(vars));
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
