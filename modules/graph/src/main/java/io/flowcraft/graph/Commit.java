package io.flowcraft.graph;

import io.flowcraft.api.GraphOp;

import java.util.List;
import java.util.Objects;

/**
 * A change the store has made durable: the graph at its new version, the operations that made it
 * (computed as a diff when the change came as a whole graph), what made it, and who.
 *
 * @param state  the graph at the new version
 * @param ops    the operations from the previous version, as they took effect
 * @param kind   what made it: {@code sync}, {@code patch}, {@code rollback:K}, …
 * @param origin who asked for it
 */
public record Commit(GraphState state, List<GraphOp> ops, String kind, CommitOrigin origin) {
    /** @throws NullPointerException if a component is null */
    public Commit {
        Objects.requireNonNull(state, "state");
        ops = List.copyOf(ops);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The graph's id.
     *
     * @return the id
     */
    public String graphId() {
        return state.graphId();
    }

    /**
     * The new version.
     *
     * @return the version
     */
    public long version() {
        return state.version();
    }
}
