package io.flowcraft.plugins.internal;

import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.plugins.RegisteredAction;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of every registered extension, swapped whole after each change.
 *
 * @param actions   actions sorted by id
 * @param byId      the same actions by id
 * @param executors node executors sorted by type
 * @param providers LLM providers sorted by id
 */
public record Catalogue(List<RegisteredAction> actions, Map<String, RegisteredAction> byId,
                        List<NodeExecutor> executors, List<LlmProvider> providers) {
    /** The catalogue of a host without plugins. */
    public static final Catalogue EMPTY = of(List.of(), List.of(), List.of());

    /**
     * Sorts and indexes extensions.
     *
     * @param actions   actions with unique ids
     * @param executors node executors
     * @param providers LLM providers
     * @return the catalogue
     */
    public static Catalogue of(List<RegisteredAction> actions, List<NodeExecutor> executors,
                               List<LlmProvider> providers) {
        List<RegisteredAction> sorted = actions.stream()
                .sorted(Comparator.comparing((RegisteredAction a) -> a.descriptor().id())).toList();
        return new Catalogue(sorted,
                sorted.stream().collect(Collectors.toUnmodifiableMap(a -> a.descriptor().id(), Function.identity())),
                executors.stream().sorted(Comparator.comparing((NodeExecutor e) -> e.descriptor().type())).toList(),
                providers.stream().sorted(Comparator.comparing((LlmProvider p) -> p.descriptor().id())).toList());
    }
}
