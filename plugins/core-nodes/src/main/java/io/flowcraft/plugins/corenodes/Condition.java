package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.HandleSpec;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.api.spi.RunView;
import org.pf4j.Extension;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code condition}: fires {@code condtrue} or {@code condfalse}, passing its input on (the single
 * input's value, else the inputs map). Decides by a sandboxed JEXL {@code expression}, by whether
 * its loop has run out ({@code detect_max_iterations}), or by whether named nodes have run
 * ({@code check_nodes_executed}). Thread-safe; keeps only a cache of compiled expressions.
 */
@Extension
public final class Condition implements NodeExecutor {
    /** The handle fired when the condition holds. */
    public static final String TRUE = "condtrue";
    /** The handle fired when it does not. */
    public static final String FALSE = "condfalse";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("condition", "Condition",
            "Branches to condtrue or condfalse and passes its input on.",
            List.of(new FieldSpec("condition_type", FieldType.ENUM, false, Optional.of("expression"),
                            "expression: evaluate a JEXL expression over inputs and variables; "
                                    + "detect_max_iterations: true once this node's loop has run out; "
                                    + "check_nodes_executed: true once every listed node has run.",
                            List.of("expression", "custom", "detect_max_iterations", "check_nodes_executed")),
                    FieldSpec.optional("expression", FieldType.STRING, null,
                            "A JEXL expression such as a > 10 && status == 'done'; inputs by edge label, "
                                    + "variables by name, and `inputs` as a map."),
                    FieldSpec.optional("target_node_ids", FieldType.STRING_LIST, null,
                            "For check_nodes_executed: node ids or labels that must all have run."),
                    FieldSpec.optional("node_indices", FieldType.STRING_LIST, null,
                            "DiPeO's name for target_node_ids."),
                    FieldSpec.optional("skippable", FieldType.BOOLEAN, false,
                            "Whether downstream nodes may run before this condition was evaluated.")),
            List.of(),
            List.of(new HandleSpec(TRUE, "true"), new HandleSpec(FALSE, "false")),
            Map.of("condition_type", "expression", "expression", "a > 10"));

    private final Expressions expressions = new Expressions();

    /** Creates the executor; PF4J calls this. */
    public Condition() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) {
        Map<String, Object> data = context.data();
        String type = Fields.string(data, "condition_type").orElse("expression").strip();
        boolean holds = switch (type) {
            case "expression", "custom" -> {
                String expression = Fields.string(data, "expression")
                        .orElseThrow(() -> new NodeFailure("condition_type " + type + " needs an expression"));
                yield Values.truthy(expressions.evaluate(expression, context.variables(), context.inputs()));
            }
            case "detect_max_iterations" -> context.run().loopExhausted();
            case "check_nodes_executed" -> allExecuted(context.run(),
                    Fields.strings(data, "target_node_ids", "node_indices"));
            default -> throw new NodeFailure("unknown condition_type '" + type
                    + "'; use expression, detect_max_iterations or check_nodes_executed");
        };
        return NodeResult.branch(Values.single(context.inputs()), holds ? TRUE : FALSE);
    }

    private static boolean allExecuted(RunView run, List<String> targets) {
        if (targets.isEmpty()) {
            throw new NodeFailure("check_nodes_executed needs target_node_ids");
        }
        Map<String, String> labels = run.labels();
        return targets.stream().allMatch(t -> run.runs(t) > 0 || run.runs(labels.getOrDefault(t, t)) > 0);
    }
}
