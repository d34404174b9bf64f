package io.flowcraft.graph;

import java.util.Objects;

/**
 * A change the store has made durable: the graph at its new version, what made it, and who.
 *
 * @param state  the graph at the new version
 * @param kind   what made it: {@code sync}, {@code rollback:K}, …
 * @param origin who asked for it
 */
public record Commit(GraphState state, String kind, CommitOrigin origin) {
    /** @throws NullPointerException if a component is null */
    public Commit {
        Objects.requireNonNull(state, "state");
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
