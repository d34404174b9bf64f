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

/** Adds {@code count} children below the node, each with an edge from it. */
@Extension
public class GenerateChildren implements GraphAction {
    static final double ROW_GAP = 150;
    static final double SPACING = 220;

    @Override
    public ActionDescriptor descriptor() {
        return new ActionDescriptor("generate-children", "Generate children",
                "Adds child nodes below this node, connected from it", List.of(),
                List.of(FieldSpec.optional("count", FieldType.INTEGER, 3L, "how many children (1 to 50)"),
                        FieldSpec.optional("type", FieldType.STRING, null, "the children's node type (default: this node's)")));
    }

    @Override
    public Changeset apply(ActionContext context) {
        Node target = context.target();
        int count = Params.integer(context.params(), "count", 3, 1, 50);
        String type = Params.string(context.params(), "type", target.type());
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        double left = target.position().x() - SPACING * (count - 1) / 2;
        for (int k = 0; k < count; k++) {
            String id = context.newId("node");
            nodes.add(Node.create(id, type, new Position(left + k * SPACING, target.position().y() + ROW_GAP),
                    Map.of("label", Params.label(target) + " child " + (k + 1))));
            edges.add(Edge.create(context.newId("edge"), target.id(), id));
        }
        return new Changeset(nodes, List.of(), List.of(), edges, List.of());
    }
}
