package io.flowcraft.server.ops;

import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.graph.CommitListener;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.GraphLimits;
import io.flowcraft.graph.GraphState;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.VersionInfo;
import io.flowcraft.graph.VersionOps;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A graph store that counts what happens to every change offered to it (accepted, version
 * mismatch, conflict, invalid, too large) by kind (sync, patch, rollback, action), whoever offers
 * it: WebSocket clients, HTTP imports and rollbacks, actions. Delegates everything. Thread-safe
 * as the store it wraps.
 */
public final class MeteredGraphStore implements GraphStore {
    private final GraphStore store;
    private final ServerMetrics metrics;

    /**
     * Wraps a store.
     *
     * @param store   the store
     * @param metrics where the counts go
     */
    public MeteredGraphStore(GraphStore store, ServerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    private CommitResult counted(String kind, CommitResult result) {
        int colon = kind.indexOf(':');
        metrics.change(colon < 0 ? kind : kind.substring(0, colon), switch (result) {
            case CommitResult.Accepted a -> "accepted";
            case CommitResult.VersionMismatch m -> "version_mismatch";
            case CommitResult.Rejected r -> "conflict";
            case CommitResult.Invalid i -> "invalid_graph";
            case CommitResult.TooLarge t -> "graph_too_large";
            case CommitResult.UnknownVersion u -> "unknown_version";
        });
        return result;
    }

    @Override
    public GraphState current(String graphId) {
        return store.current(graphId);
    }

    @Override
    public <T> T withCurrent(String graphId, Function<GraphState, T> action) {
        return store.withCurrent(graphId, action);
    }

    @Override
    public CommitResult sync(String graphId, long baseVersion, Graph graph, CommitOrigin origin) {
        return counted("sync", store.sync(graphId, baseVersion, graph, origin));
    }

    @Override
    public CommitResult patch(String graphId, long baseVersion, List<GraphOp> ops, CommitOrigin origin, String kind) {
        return counted(kind, store.patch(graphId, baseVersion, ops, origin, kind));
    }

    @Override
    public Optional<List<VersionOps>> opsSince(String graphId, long version) {
        return store.opsSince(graphId, version);
    }

    @Override
    public Optional<VersionOps> changes(String graphId, long version) {
        return store.changes(graphId, version);
    }

    @Override
    public CommitResult rollback(String graphId, long version, CommitOrigin origin) {
        return counted("rollback", store.rollback(graphId, version, origin));
    }

    @Override
    public Optional<GraphState> version(String graphId, long version) {
        return store.version(graphId, version);
    }

    @Override
    public List<VersionInfo> versions(String graphId, long beforeVersion, int limit) {
        return store.versions(graphId, beforeVersion, limit);
    }

    @Override
    public List<GraphSummary> graphs() {
        return store.graphs();
    }

    @Override
    public boolean exists(String graphId) {
        return store.exists(graphId);
    }

    @Override
    public void addListener(CommitListener listener) {
        store.addListener(listener);
    }

    @Override
    public GraphLimits limits() {
        return store.limits();
    }

    /** Closes the store, and removes the server's meters with it (the server is stopping). */
    @Override
    public void close() {
        store.close();
        metrics.close();
    }
}
