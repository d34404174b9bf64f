package io.flowcraft.plugins.benchnodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.util.List;
import java.util.Map;

/**
 * {@code sleep}: waits {@code data.ms} milliseconds ({@value #DEFAULT_MS} by default) with
 * {@link Thread#sleep(long)}, then passes its single input on like {@link Noop}. Stands for a node
 * that waits on I/O; cancellation interrupts the sleep. Stateless and thread-safe.
 */
@Extension
public final class Sleep implements NodeExecutor {
    /** How long a sleep node without {@code ms} waits. */
    static final long DEFAULT_MS = 10;

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("sleep", "Sleep",
            "Benchmark node: waits ms milliseconds, then passes its input on.",
            List.of(FieldSpec.optional("ms", FieldType.INTEGER, DEFAULT_MS, "How long to wait, in milliseconds.")),
            List.of(), List.of(), Map.of("ms", DEFAULT_MS));

    /** Creates the executor; PF4J calls this. */
    public Sleep() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws InterruptedException {
        Thread.sleep(millis(context.data().get("ms")));
        return NodeResult.of(Noop.single(context.inputs()));
    }

    /** {@code data.ms} as milliseconds: a number or a numeric string; the default when absent or negative. */
    static long millis(Object ms) {
        long value = switch (ms) {
            case Number n -> n.longValue();
            case String s when s.trim().matches("\\d+") -> Long.parseLong(s.trim());
            case null, default -> DEFAULT_MS;
        };
        return value < 0 ? DEFAULT_MS : value;
    }
}
