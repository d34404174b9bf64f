package io.flowcraft.plugins.internal;

import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.plugins.RegisteredAction;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of every registered extension, swapped whole after each change.
 *
 * @param actions   actions by id
 * @param executors node executors
 * @param providers LLM providers
 */
public record Catalogue(Map<String, RegisteredAction> actions, List<NodeExecutor> executors,
                        List<LlmProvider> providers) {
    /** The catalogue of a host without plugins. */
    public static final Catalogue EMPTY = new Catalogue(Map.of(), List.of(), List.of());
}
