package io.flowcraft.plugins;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.spi.ActionContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs actions the way the server does, on a one-node graph. */
final class TestActions {
    static final Node TARGET = Node.create("n1", "job", Position.ORIGIN, Map.of());

    private TestActions() {
    }

    /** A host configuration with a short call timeout. */
    static PluginHostConfig config(java.nio.file.Path dir, boolean watch) {
        return new PluginHostConfig(dir, watch, Duration.ofMillis(500));
    }

    /** Runs an action through {@link PluginHost#call}. */
    static Changeset run(PluginHost host, String actionId) {
        RegisteredAction action = host.action(actionId).orElseThrow(() -> new AssertionError("no action " + actionId
                + " in " + host.actions()));
        return host.call(action.pluginId(), "action '" + actionId + "'", () -> action.action().apply(context()));
    }

    /** The data an action's changeset sets on the target node. */
    static Map<String, Object> marks(Changeset changes) {
        return changes.update().getFirst().data();
    }

    /** The host's report on a jar. */
    static PluginInfo info(PluginHost host, String jar) {
        return host.plugins().stream().filter(p -> p.jar().equals(jar)).findFirst()
                .orElseThrow(() -> new AssertionError(jar + " is not listed: " + host.plugins()));
    }

    /** The action ids in the catalogue. */
    static List<String> ids(PluginHost host) {
        return host.actions().stream().map(a -> a.descriptor().id()).toList();
    }

    /** A listener that counts calls. */
    static final class Counter implements Runnable {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void run() {
            calls.incrementAndGet();
        }
    }

    static ActionContext context() {
        Graph graph = Graph.of(List.of(TARGET), List.of());
        AtomicInteger ids = new AtomicInteger();
        return new ActionContext() {
            @Override
            public Graph graph() {
                return graph;
            }

            @Override
            public Node target() {
                return TARGET;
            }

            @Override
            public Map<String, Object> params() {
                return Map.of();
            }

            @Override
            public String newId(String prefix) {
                return prefix + "-" + ids.incrementAndGet();
            }
        };
    }
}
