package io.flowcraft.graph.internal;

import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.VersionInfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of graphs and their versions. The store above it owns locking and validation;
 * a repository only reads and writes rows. Implementations are thread-safe.
 */
public interface GraphRepository extends AutoCloseable {
    /**
     * A stored version with its content.
     *
     * @param version   the version
     * @param json      the graph as JSON text
     * @param createdAt when it was stored
     */
    record StoredVersion(long version, String json, Instant createdAt) {
    }

    /**
     * A version to append.
     *
     * @param version   the new version
     * @param json      the graph as JSON text
     * @param createdAt when
     * @param author    who
     * @param kind      what made it
     * @param nodes     node count
     * @param edges     edge count
     */
    record NewVersion(long version, String json, Instant createdAt, String author, String kind,
                      int nodes, int edges) {
    }

    /**
     * The newest stored version of a graph, if the graph exists and has one.
     *
     * @param graphId the graph
     * @return the head, or empty for a graph at version 0 or unknown
     */
    Optional<StoredVersion> head(String graphId);

    /**
     * Creates a graph at version 0 if it does not exist.
     *
     * @param graphId the graph
     * @param now     creation time
     */
    void create(String graphId, Instant now);

    /**
     * Whether a graph exists.
     *
     * @param graphId the graph
     * @return {@code true} if it does
     */
    boolean exists(String graphId);

    /**
     * Appends a version durably and makes it the graph's head, atomically.
     *
     * @param graphId the graph
     * @param v       the version
     */
    void append(String graphId, NewVersion v);

    /**
     * One stored version.
     *
     * @param graphId the graph
     * @param version the version
     * @return it, if the history still has it
     */
    Optional<StoredVersion> version(String graphId, long version);

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
     * Deletes old versions of a graph, never the head.
     *
     * @param graphId      the graph
     * @param belowVersion delete versions lower than this
     * @param olderThan    and, if not {@code null}, also versions stored before this instant
     * @param head         the head version, which is always kept
     */
    void prune(String graphId, long belowVersion, Instant olderThan, long head);

    @Override
    void close();
}
