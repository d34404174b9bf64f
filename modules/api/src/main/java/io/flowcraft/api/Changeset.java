package io.flowcraft.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes a graph action computes, applied by the server as one new version.
 *
 * <p>Mirrors the {@code apply_changes} message: nodes to add, partial updates of existing nodes,
 * ids of nodes to remove (their edges go too), edges to add and ids of edges to remove.
 * Instances are immutable and thread-safe.
 *
 * @param add         nodes to add
 * @param update      partial node updates
 * @param remove      ids of nodes to remove
 * @param addEdges    edges to add
 * @param removeEdges ids of edges to remove
 */
public record Changeset(List<Node> add, List<GraphOp.UpdateNode> update, List<String> remove,
                        List<Edge> addEdges, List<String> removeEdges) {
    /** Copies the lists. */
    public Changeset {
        add = List.copyOf(Objects.requireNonNull(add, "add"));
        update = List.copyOf(Objects.requireNonNull(update, "update"));
        remove = List.copyOf(Objects.requireNonNull(remove, "remove"));
        addEdges = List.copyOf(Objects.requireNonNull(addEdges, "addEdges"));
        removeEdges = List.copyOf(Objects.requireNonNull(removeEdges, "removeEdges"));
    }

    /**
     * The changeset that changes nothing.
     *
     * @return an empty changeset
     */
    public static Changeset empty() {
        return new Changeset(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Whether this changeset changes nothing.
     *
     * @return {@code true} when every list is empty
     */
    public boolean isEmpty() {
        return add.isEmpty() && update.isEmpty() && remove.isEmpty() && addEdges.isEmpty()
                && removeEdges.isEmpty();
    }

    /**
     * The same changes as graph operations, in an order that always applies: edge removals, node
     * removals, node additions, node updates, edge additions.
     *
     * @return the operations
     */
    public List<GraphOp> toOps() {
        List<GraphOp> ops = new ArrayList<>();
        removeEdges.forEach(id -> ops.add(new GraphOp.RemoveEdge(id)));
        remove.forEach(id -> ops.add(new GraphOp.RemoveNode(id)));
        add.forEach(n -> ops.add(new GraphOp.AddNode(n)));
        ops.addAll(update);
        addEdges.forEach(e -> ops.add(new GraphOp.AddEdge(e)));
        return List.copyOf(ops);
    }
}
