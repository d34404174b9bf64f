package io.flowcraft.graph;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a graph's history.
 *
 * @param version   the version
 * @param createdAt when it was stored
 * @param author    who made it
 * @param kind      what made it ({@code sync}, {@code rollback}, …)
 * @param nodes     number of nodes
 * @param edges     number of edges
 * @param sizeBytes size of the stored JSON in bytes
 * @param authorName the author's display name, when it was known
 */
public record VersionInfo(long version, Instant createdAt, String author, String kind, int nodes,
                          int edges, long sizeBytes, Optional<String> authorName) {
}
