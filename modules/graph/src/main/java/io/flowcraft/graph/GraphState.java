package io.flowcraft.graph;

import io.flowcraft.api.Graph;

import java.time.Instant;
import java.util.Objects;

/**
 * A graph at one version: an immutable snapshot, with its compact JSON text (as stored) so that
 * it is encoded once however many clients receive it.
 *
 * @param graphId   the graph's id
 * @param version   the version, 0 for a new empty graph
 * @param graph     the content
 * @param graphJson the content as compact JSON text
 * @param updatedAt when this version was stored
 */
public record GraphState(String graphId, long version, Graph graph, String graphJson, Instant updatedAt) {
    /** The JSON text of the empty graph. */
    public static final String EMPTY_JSON = "{\"nodes\":[],\"edges\":[]}";

    /** @throws NullPointerException if a component is null */
    public GraphState {
        Objects.requireNonNull(graphId, "graphId");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(graphJson, "graphJson");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new graph: empty, at version 0.
     *
     * @param graphId the graph's id
     * @return the state
     */
    public static GraphState initial(String graphId) {
        return new GraphState(graphId, 0, Graph.empty(), EMPTY_JSON, Instant.EPOCH);
    }
}
