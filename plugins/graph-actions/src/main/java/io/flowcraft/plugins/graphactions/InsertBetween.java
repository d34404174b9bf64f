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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code insert-between}: puts a new node on one of the target's edges.
 *
 * <p>{@code execute_action} names a node, so the edge comes as the required parameter
 * {@code edgeId}; the edge must start or end at the target. Parameter {@code type} (default
 * {@code job}) is the new node's type; its {@code data.label} is {@code inserted} and it sits
 * midway between the edge's two end nodes. The edge is removed and replaced by
 * source&nbsp;→&nbsp;new (keeping the edge's {@code sourceHandle}) and new&nbsp;→&nbsp;target
 * (keeping its {@code targetHandle}, {@code label} and {@code data}: they describe the value as
 * the original target receives it). Other extra fields of the edge (drawing options such as
 * {@code animated} or React Flow's edge {@code type}) go on both halves. Stateless and thread-safe.
 */
@Extension
public class InsertBetween implements GraphAction {
    static final String DEFAULT_TYPE = "job";

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("insert-between", "Insert node on edge",
            "Inserts a new node in the middle of one of this node's edges.", List.of(),
            List.of(FieldSpec.required("edgeId", FieldType.STRING,
                            "The edge to split; it must start or end at this node."),
                    FieldSpec.optional("type", FieldType.STRING, DEFAULT_TYPE, "The new node's type.")));

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Changeset apply(ActionContext context) {
        String edgeId = Params.requiredString(context.params(), "edgeId",
                "the id of the edge of this node to insert the new node on");
        String type = Params.string(context.params(), "type", DEFAULT_TYPE);
        Node node = context.target();
        Edge edge = context.graph().edge(edgeId).orElseThrow(() -> new IllegalArgumentException(
                "Parameter 'edgeId' names edge '" + edgeId + "', which is not in the graph."));
        if (!edge.source().equals(node.id()) && !edge.target().equals(node.id())) {
            throw new IllegalArgumentException("Parameter 'edgeId' names edge '" + edgeId + "' (" + edge.source()
                    + " -> " + edge.target() + "), which does not touch node '" + node.id() + "'.");
        }
        Position a = context.graph().node(edge.source()).map(Node::position).orElse(node.position());
        Position b = context.graph().node(edge.target()).map(Node::position).orElse(node.position());
        String id = context.newId("node");
        Node inserted = Node.create(id, type, new Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2),
                Map.of("label", "inserted"));
        Map<String, Object> drawing = new LinkedHashMap<>(edge.extra());
        drawing.remove("label");
        Edge first = new Edge(context.newId("edge"), edge.source(), id, edge.sourceHandle(), Optional.empty(),
                Map.of(), drawing);
        Edge second = new Edge(context.newId("edge"), id, edge.target(), Optional.empty(), edge.targetHandle(),
                edge.data(), edge.extra());
        return new Changeset(List.of(inserted), List.of(), List.of(), List.of(first, second), List.of(edgeId));
    }
}
