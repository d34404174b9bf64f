package io.flowcraft.api.protocol;

import io.flowcraft.api.Graph;

import java.util.Objects;

/**
 * The messages a client sends, after the envelope has been decoded.
 *
 * <p>Each record is the typed payload of one message {@code type}; {@link #type()} is the wire
 * name. Later protocol additions arrive as new records of this family.
 */
public sealed interface ClientMessage {
    /**
     * The message type on the wire.
     *
     * @return the snake_case type
     */
    String type();

    /**
     * {@code sync_graph}: the client's full graph, based on the version it holds.
     *
     * @param version the version the client holds
     * @param graph   the graph it wants stored as {@code version + 1}
     */
    record SyncGraph(long version, Graph graph) implements ClientMessage {
        /** @throws NullPointerException if graph is null */
        public SyncGraph {
            Objects.requireNonNull(graph, "graph");
        }

        @Override
        public String type() {
            return "sync_graph";
        }
    }
}
