package io.flowcraft.engine;

import io.flowcraft.api.spi.NodeExecutor;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the executor for a node type. The server backs it with the plugin host (so a plugin
 * dropped in at run time serves the next run); tests and benchmarks back it with a plain list.
 */
@FunctionalInterface
public interface ExecutorRegistry {
    /**
     * The executor for a node type.
     *
     * @param type the node type, lower case ({@code job}, {@code condition}, …)
     * @return the executor, or empty when no plugin provides the type
     */
    Optional<NodeExecutor> find(String type);

    /**
     * A registry over a fixed set of executors, keyed by their descriptor's type (case-insensitive;
     * the first of two with the same type wins).
     *
     * @param executors the executors
     * @return the registry
     */
    static ExecutorRegistry of(Collection<? extends NodeExecutor> executors) {
        Map<String, NodeExecutor> byType = new HashMap<>();
        for (NodeExecutor e : executors) {
            byType.putIfAbsent(e.descriptor().type().toLowerCase(Locale.ROOT), e);
        }
        Map<String, NodeExecutor> frozen = Map.copyOf(byType);
        return type -> Optional.ofNullable(frozen.get(type.toLowerCase(Locale.ROOT)));
    }
}
