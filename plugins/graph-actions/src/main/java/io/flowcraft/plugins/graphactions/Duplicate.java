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

/**
 * {@code duplicate}: copies the target (type, data and extra top-level fields) under a new id,
 * offset by ({@value #OFFSET}, {@value #OFFSET}).
 *
 * <p>Parameter {@code withEdges} (boolean, default {@code false}): also copy every incoming and
 * outgoing edge of the target, with fresh ids, attached to the copy instead of the original
 * (handles, data and extras such as {@code label} kept). A self-loop becomes a self-loop of the
 * copy. Stateless and thread-safe.
 */
@Extension
public class Duplicate implements GraphAction {
    /** How far right and down the copy goes. */
    static final double OFFSET = 40;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("duplicate", "Duplicate",
            "Copies this node, with its data, next to it; optionally with its edges.", List.of(),
            List.of(FieldSpec.optional("withEdges", FieldType.BOOLEAN, false,
                    "Also copy the node's incoming and outgoing edges to the copy.")));

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Changeset apply(ActionContext context) {
        Node n = context.target();
        boolean withEdges = Params.bool(context.params(), "withEdges", false);
        String id = context.newId("node");
        Node copy = new Node(id, n.type(), new Position(n.position().x() + OFFSET, n.position().y() + OFFSET),
                n.data(), n.extra());
        List<Edge> edges = new ArrayList<>();
        if (withEdges) {
            for (Edge e : context.graph().edges()) {
                boolean out = e.source().equals(n.id());
                boolean in = e.target().equals(n.id());
                if (out || in) {
                    edges.add(new Edge(context.newId("edge"), out ? id : e.source(), in ? id : e.target(),
                            e.sourceHandle(), e.targetHandle(), e.data(), e.extra()));
                }
            }
        }
        return new Changeset(List.of(copy), List.of(), List.of(), edges, List.of());
    }
}
