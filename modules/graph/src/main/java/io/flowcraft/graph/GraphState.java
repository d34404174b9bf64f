package io.flowcraft.graph;

import io.flowcraft.api.Graph;

import java.time.Instant;
import java.util.Objects;

/**
 * A graph at one version: an immutable snapshot. Its JSON text is computed once, when first
 * asked for, however many clients receive it. Thread-safe.
 */
public final class GraphState {
    /** The JSON text of the empty graph. */
    public static final String EMPTY_JSON = "{\"nodes\":[],\"edges\":[]}";

    private final String graphId;
    private final long version;
    private final Graph graph;
    private final Instant updatedAt;
    private final GraphCodec codec;
    private volatile String json;

    private GraphState(String graphId, long version, Graph graph, Instant updatedAt, GraphCodec codec, String json) {
        this.graphId = Objects.requireNonNull(graphId, "graphId");
        this.version = version;
        this.graph = Objects.requireNonNull(graph, "graph");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.codec = codec;
        this.json = json;
    }

    /**
     * A graph at a version; its JSON is encoded on first use.
     *
     * @param graphId   the graph's id
     * @param version   the version
     * @param graph     the content
     * @param updatedAt when the version was stored
     * @param codec     the codec that encodes it
     * @return the state
     */
    public static GraphState of(String graphId, long version, Graph graph, Instant updatedAt, GraphCodec codec) {
        return new GraphState(graphId, version, graph, updatedAt, Objects.requireNonNull(codec, "codec"), null);
    }

    /**
     * A new graph: empty, at version 0.
     *
     * @param graphId the graph's id
     * @return the state
     */
    public static GraphState initial(String graphId) {
        return new GraphState(graphId, 0, Graph.empty(), Instant.EPOCH, null, EMPTY_JSON);
    }

    /**
     * The graph's id.
     *
     * @return the id
     */
    public String graphId() {
        return graphId;
    }

    /**
     * The version, 0 for a new empty graph.
     *
     * @return the version
     */
    public long version() {
        return version;
    }

    /**
     * The content.
     *
     * @return the graph
     */
    public Graph graph() {
        return graph;
    }

    /**
     * When this version was stored ({@link Instant#EPOCH} for version 0).
     *
     * @return the time
     */
    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * The content as compact JSON text, encoded once.
     *
     * @return the JSON text
     */
    public String graphJson() {
        String j = json;
        if (j == null) {
            j = codec.encode(graph);
            json = j;
        }
        return j;
    }

    @Override
    public String toString() {
        return "GraphState[" + graphId + " v" + version + ", " + graph.nodes().size() + " nodes]";
    }
}
