package io.flowcraft.graph.internal;

import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.VersionInfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of graphs and their versions. Every version stores the operations that made it;
 * some also store a full snapshot, from which any later version is rebuilt by replaying
 * operations. The store above owns locking, validation and the snapshot policy; a repository only
 * reads and writes rows. Implementations are thread-safe.
 */
public interface GraphRepository extends AutoCloseable {
    /**
     * A stored version.
     *
     * @param version   the version
     * @param createdAt when it was stored
     * @param author    who made it
     * @param ops       the operations that made it, as a JSON array
     * @param snapshot  the whole graph at this version as JSON, if a snapshot was taken
     */
    record Row(long version, Instant createdAt, String author, String ops, Optional<String> snapshot) {
    }

    /**
     * A version to append.
     *
     * @param version   the new version
     * @param createdAt when
     * @param author    who
     * @param kind      what made it
     * @param nodes     node count
     * @param edges     edge count
     * @param ops       the operations, as a JSON array
     * @param snapshot  the whole graph as JSON, when the store takes a snapshot at this version
     */
    record NewVersion(long version, Instant createdAt, String author, String kind, int nodes, int edges,
                      String ops, Optional<String> snapshot, Optional<String> name, Optional<String> authorName) {
    }

    /**
     * Creates a graph at version 0 if it does not exist.
     *
     * @param graphId the graph
     * @param now     creation time
     */
    void create(String graphId, Instant now);

    /**
     * The head version of a graph.
     *
     * @param graphId the graph
     * @return the version, or empty if the graph does not exist
     */
    Optional<Long> head(String graphId);

    /**
     * Appends a version durably and makes it the graph's head, atomically.
     *
     * @param graphId the graph
     * @param v       the version
     */
    void append(String graphId, NewVersion v);

    /**
     * The rows needed to rebuild {@code version}: from the newest snapshot at or below it (or from
     * the oldest version kept, when none has a snapshot) up to it, oldest first.
     *
     * @param graphId the graph
     * @param version the version to rebuild
     * @return the rows; empty if the version is not stored
     */
    List<Row> rebuildRows(String graphId, long version);

    /**
     * Rows with {@code after < version <= upTo}, oldest first (without snapshots).
     *
     * @param graphId the graph
     * @param after   exclusive lower bound
     * @param upTo    inclusive upper bound
     * @return the rows the history still has
     */
    List<Row> range(String graphId, long after, long upTo);

    /**
     * A page of history, newest first.
     *
     * @param graphId the graph
     * @param before  only versions lower than this
     * @param limit   at most this many
     * @return the entries
     */
    List<VersionInfo> versions(String graphId, long before, int limit);

    /**
     * The catalogue.
     *
     * @return every graph
     */
    List<GraphSummary> graphs();

    /**
     * The newest version at or below {@code version} that has a snapshot.
     *
     * @param graphId the graph
     * @param version the upper bound
     * @return the snapshot version, if any
     */
    Optional<Long> snapshotAtOrBelow(String graphId, long version);

    /**
     * The oldest version stored at or after {@code time}.
     *
     * @param graphId the graph
     * @param time    the instant
     * @return the version, if any
     */
    Optional<Long> firstVersionSince(String graphId, Instant time);

    /**
     * Deletes the versions of a graph lower than {@code keepFrom}.
     *
     * @param graphId  the graph
     * @param keepFrom the oldest version to keep
     */
    void deleteBelow(String graphId, long keepFrom);

    @Override
    void close();
}
