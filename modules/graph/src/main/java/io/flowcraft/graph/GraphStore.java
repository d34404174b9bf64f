package io.flowcraft.graph;

import io.flowcraft.api.Graph;
import io.flowcraft.graph.internal.SqliteGraphRepository;
import io.flowcraft.graph.internal.VersionedGraphStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authoritative, versioned state of every graph, with its history.
 *
 * <p>Every write is a compare-and-set on the graph's version: it is validated, stored durably as
 * the next version, and only then published to the {@link CommitListener}s, in version order.
 * Writes to one graph are serialized; different graphs do not wait for each other's locks.
 * Reads of the current state never block. Implementations are thread-safe.
 */
public interface GraphStore extends AutoCloseable {
    /**
     * Opens (creating if needed) the embedded SQLite store in {@code config.dataDir()}.
     *
     * @param config   the configuration
     * @param codec    the graph codec used to store snapshots
     * @return the store
     * @throws GraphStoreException if the database cannot be opened
     */
    static GraphStore openSqlite(StoreConfig config, GraphCodec codec) {
        return new VersionedGraphStore(SqliteGraphRepository.open(config), codec, config);
    }

    /**
     * The current state of a graph; a graph never written is empty at version 0.
     *
     * @param graphId a valid graph id
     * @return the current state
     */
    GraphState current(String graphId);

    /**
     * Runs {@code action} with the current state while no write to the graph can happen, creating
     * the graph (empty, version 0) if it does not exist. Used to join a graph's room without missing
     * or duplicating a change. {@code action} must be quick and must not block.
     *
     * @param graphId a valid graph id
     * @param action  what to do with the current state
     * @param <T>     the action's result type
     * @return the action's result
     */
    <T> T withCurrent(String graphId, Function<GraphState, T> action);

    /**
     * Stores {@code graph} as version {@code baseVersion + 1} if {@code baseVersion} is current.
     *
     * @param graphId     a valid graph id
     * @param baseVersion the version the writer holds
     * @param graph       the new content
     * @param origin      who asks
     * @return accepted, version mismatch, invalid or too large
     */
    CommitResult sync(String graphId, long baseVersion, Graph graph, CommitOrigin origin);

    /**
     * Applies operations atomically as version {@code current + 1}, when {@code baseVersion} is
     * current, or when no change accepted after {@code baseVersion} touched what the operations
     * touch (see {@link Conflicts}); otherwise nothing changes and the result lists the conflicts
     * and the operations accepted since the base, so the client can rebase and retry.
     *
     * @param graphId     a valid graph id
     * @param baseVersion the version the client's operations are based on
     * @param ops         the operations
     * @param origin      who asks
     * @return accepted, rejected (conflicts), invalid (unknown or duplicate ids, dangling edges),
     *         too large, or unknown version (a base newer than the current version)
     */
    default CommitResult patch(String graphId, long baseVersion, java.util.List<io.flowcraft.api.GraphOp> ops,
                               CommitOrigin origin) {
        return patch(graphId, baseVersion, ops, origin, "patch");
    }

    /**
     * Like {@link #patch(String, long, List, CommitOrigin)}, recording what made the change.
     *
     * @param graphId     a valid graph id
     * @param baseVersion the version the operations are based on
     * @param ops         the operations
     * @param origin      who asks
     * @param kind        what made it, recorded in the history ({@code patch}, {@code action:ID}, …)
     * @return as for {@link #patch(String, long, List, CommitOrigin)}
     */
    CommitResult patch(String graphId, long baseVersion, java.util.List<io.flowcraft.api.GraphOp> ops,
                       CommitOrigin origin, String kind);

    /**
     * The operations accepted after {@code version}, version by version, when the history still
     * has every one of them (for a client resuming with {@code since}).
     *
     * @param graphId a valid graph id
     * @param version the version the client holds
     * @return the operations of each later version in order, or empty when some are gone or
     *         {@code version} is not a version of this graph
     */
    Optional<List<VersionOps>> opsSince(String graphId, long version);

    /**
     * The operations that made one version, and its author: who changed what.
     *
     * @param graphId a valid graph id
     * @param version the version
     * @return them, if the history has the version
     */
    Optional<VersionOps> changes(String graphId, long version);

    /**
     * Stores the content of version {@code version} as a new current version.
     *
     * @param graphId a valid graph id
     * @param version the version to bring back
     * @param origin  who asks
     * @return accepted, or unknown version when the history no longer has it
     */
    CommitResult rollback(String graphId, long version, CommitOrigin origin);

    /**
     * One version from the history.
     *
     * @param graphId a valid graph id
     * @param version the version
     * @return the state, if the history has it (version 0 is always the empty graph)
     */
    Optional<GraphState> version(String graphId, long version);

    /**
     * A page of the history, newest first.
     *
     * @param graphId       a valid graph id
     * @param beforeVersion only versions lower than this ({@link Long#MAX_VALUE} for the newest)
     * @param limit         at most this many entries
     * @return the entries
     */
    List<VersionInfo> versions(String graphId, long beforeVersion, int limit);

    /**
     * Every graph in the store, by id.
     *
     * @return the catalogue
     */
    List<GraphSummary> graphs();

    /**
     * Whether a graph exists (was created by a connection or a write).
     *
     * @param graphId a graph id
     * @return {@code true} if it exists
     */
    boolean exists(String graphId);

    /**
     * Registers a listener for every accepted change.
     *
     * @param listener the listener
     */
    void addListener(CommitListener listener);

    /**
     * The limits graphs must respect.
     *
     * @return the limits
     */
    GraphLimits limits();

    /**
     * Closes the database; later calls fail.
     */
    @Override
    void close();
}
