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

/** Copies the node (data and extra fields) under a new id, optionally with its edges. */
@Extension
public class Duplicate implements GraphAction {
    static final double OFFSET = 40;

    @Override
    public ActionDescriptor descriptor() {
        return new ActionDescriptor("duplicate", "Duplicate", "Copies this node next to it", List.of(),
                List.of(FieldSpec.optional("withEdges", FieldType.BOOLEAN, false, "also copy its edges")));
    }

    @Override
    public Changeset apply(ActionContext context) {
        Node n = context.target();
        String id = context.newId("node");
        Node copy = new Node(id, n.type(), new Position(n.position().x() + OFFSET, n.position().y() + OFFSET),
                n.data(), n.extra());
        List<Edge> edges = new ArrayList<>();
        if (Params.bool(context.params(), "withEdges", false)) {
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
