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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a new node on one of this node's edges: the edge is replaced by source → new node → target,
 * the first keeping the edge's source handle, the second its target handle, label and data.
 */
@Extension
public class InsertBetween implements GraphAction {
    @Override
    public ActionDescriptor descriptor() {
        return new ActionDescriptor("insert-between", "Insert node on edge",
                "Inserts a node in the middle of one of this node's edges", List.of(),
                List.of(FieldSpec.required("edgeId", FieldType.STRING, "the edge to split (it must touch this node)"),
                        FieldSpec.optional("type", FieldType.STRING, "job", "the new node's type")));
    }

    @Override
    public Changeset apply(ActionContext context) {
        Object raw = context.params().get("edgeId");
        if (!(raw instanceof String edgeId) || edgeId.isBlank()) {
            throw new IllegalArgumentException("parameter 'edgeId' is required: the id of one of the node's edges");
        }
        String node = context.target().id();
        Edge edge = context.graph().edge(edgeId).orElseThrow(() ->
                new IllegalArgumentException("there is no edge '" + edgeId + "'"));
        if (!edge.source().equals(node) && !edge.target().equals(node)) {
            throw new IllegalArgumentException("edge '" + edgeId + "' does not touch node '" + node + "'");
        }
        Position a = context.graph().node(edge.source()).map(Node::position).orElse(context.target().position());
        Position b = context.graph().node(edge.target()).map(Node::position).orElse(context.target().position());
        String id = context.newId("node");
        Node inserted = Node.create(id, Params.string(context.params(), "type", "job"),
                new Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2), Map.of("label", "inserted"));
        Edge first = new Edge(context.newId("edge"), edge.source(), id, edge.sourceHandle(), Optional.empty(),
                Map.of(), Map.of());
        Edge second = new Edge(context.newId("edge"), id, edge.target(), Optional.empty(), edge.targetHandle(),
                edge.data(), edge.extra());
        return new Changeset(List.of(inserted), List.of(), List.of(), List.of(first, second), List.of(edgeId));
    }
}
