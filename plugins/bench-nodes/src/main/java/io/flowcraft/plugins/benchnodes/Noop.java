package io.flowcraft.plugins.benchnodes;

import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.util.List;
import java.util.Map;

/**
 * {@code noop}: passes its single input on (the first of several, {@code null} without any) and
 * allocates nothing but the {@link NodeResult}, so that a run of noop nodes measures the engine's
 * own cost per node. Stateless and thread-safe.
 */
@Extension
public final class Noop implements NodeExecutor {
    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("noop", "No-op",
            "Benchmark node: passes its input on unchanged.", List.of(), List.of(), List.of(), Map.of());

    /** Creates the executor; PF4J calls this. */
    public Noop() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) {
        return NodeResult.of(single(context.inputs()));
    }

    /** The only value of {@code inputs} (the first one when there are several), or {@code null}. */
    static Object single(Map<String, Object> inputs) {
        if (inputs.isEmpty()) {
            return null;
        }
        if (inputs.size() == 1) {
            Object only = inputs.get("default");
            return only != null || inputs.containsKey("default") ? only : inputs.values().iterator().next();
        }
        return inputs.values().iterator().next();
    }
}
