package io.flowcraft.bench;

import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;

import java.util.List;
import java.util.Map;

/**
 * The executors of the in-process engine scenarios: {@code start} and {@code endpoint} as the
 * core-nodes plugin has them (without file output), {@code noop} and {@code sleep} as the
 * bench-nodes plugin has them. The bench does not load plugins, so these are plain classes with the
 * same behaviour. Stateless and thread-safe.
 */
final class InProcessNodes {

    private InProcessNodes() {
    }

    /** All four executors. */
    static List<NodeExecutor> all() {
        return List.of(
                executor("start", c -> NodeResult.of(c.variables())),
                executor("noop", c -> NodeResult.of(single(c.inputs()))),
                executor("sleep", c -> {
                    Thread.sleep(c.data().get("ms") instanceof Number n ? n.longValue() : 10);
                    return NodeResult.of(single(c.inputs()));
                }),
                executor("endpoint", c -> NodeResult.of(c.inputs().size() <= 1 ? single(c.inputs()) : c.inputs())));
    }

    /** The only input (the first of several), or {@code null}. */
    static Object single(Map<String, Object> inputs) {
        return inputs.isEmpty() ? null : inputs.values().iterator().next();
    }

    @FunctionalInterface
    private interface Body {
        NodeResult run(NodeContext context) throws Exception;
    }

    private static NodeExecutor executor(String type, Body body) {
        NodeDescriptor descriptor = new NodeDescriptor(type, type, "bench: " + type, List.of(), List.of(), List.of(),
                Map.of());
        return new NodeExecutor() {
            @Override
            public NodeDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public NodeResult execute(NodeContext context) throws Exception {
                return body.run(context);
            }
        };
    }
}
