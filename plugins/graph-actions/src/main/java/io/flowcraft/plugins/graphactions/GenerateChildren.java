package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Edge;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.spi.ActionContext;
import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.GraphAction;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code generate-children}: adds {@code count} child nodes in a row below the target, each
 * connected by an edge from the target.
 *
 * <p>Parameters: {@code count} (whole number 1–50, default 3) and {@code type} (the children's node
 * type, default the target's type). Child {@code k} (from 1) gets {@code data.label}
 * "&lt;target label or id&gt; child k" and sits {@value #ROW_GAP} below the target, the row spaced
 * {@value #SPACING} apart and centred on the target's x. Node and edge ids come from
 * {@link ActionContext#newId}. Stateless and thread-safe.
 */
@Extension
public class GenerateChildren implements GraphAction {
    /** Vertical distance from the target to the row of children. */
    static final double ROW_GAP = 150;
    /** Horizontal distance between neighbouring children. */
    static final double SPACING = 220;
    static final int MAX_COUNT = 50;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("generate-children",
            "Generate children", "Adds child nodes in a row below this node, each connected from it.", List.of(),
            List.of(FieldSpec.optional("count", FieldType.INTEGER, 3L, "How many children to add (1 to 50)."),
                    FieldSpec.optional("type", FieldType.STRING, null,
                            "The children's node type; by default this node's type.")));

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Changeset apply(ActionContext context) {
        Node target = context.target();
        int count = Params.integer(context.params(), "count", 3, 1, MAX_COUNT);
        String type = Params.string(context.params(), "type", target.type());
        String label = Params.label(target);
        List<Node> nodes = new ArrayList<>(count);
        List<Edge> edges = new ArrayList<>(count);
        double left = target.position().x() - SPACING * (count - 1) / 2;
        double y = target.position().y() + ROW_GAP;
        for (int k = 0; k < count; k++) {
            String id = context.newId("node");
            nodes.add(Node.create(id, type, new Position(left + k * SPACING, y),
                    Map.of("label", label + " child " + (k + 1))));
            edges.add(Edge.create(context.newId("edge"), target.id(), id));
        }
        return new Changeset(nodes, List.of(), List.of(), edges, List.of());
    }
}
