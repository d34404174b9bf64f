package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code start}: where a run begins. Its output is the run's variables, which the engine has
 * already merged from the node's {@code custom_data} and the run's inputs. Stateless.
 */
@Extension
public final class Start implements NodeExecutor {
    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("start", "Start",
            "Begins the run and passes on its variables: custom_data merged with the run's inputs.",
            List.of(FieldSpec.optional("custom_data", FieldType.OBJECT, null,
                            "Variables every run starts with; a run's inputs override them."),
                    new FieldSpec("trigger_mode", FieldType.ENUM, false, Optional.of("manual"),
                            "How runs start: by hand, or from a webhook.",
                            List.of("manual", "webhook", "hook", "none"))),
            List.of(), List.of(),
            Map.of("custom_data", Map.of("topic", "sandboxes"), "trigger_mode", "manual"));

    /** Creates the executor; PF4J calls this. */
    public Start() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) {
        return NodeResult.of(context.variables());
    }
}
