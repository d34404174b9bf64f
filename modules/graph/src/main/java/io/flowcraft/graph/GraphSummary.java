package io.flowcraft.graph;

import java.time.Instant;
import java.util.Optional;

/**
 * A graph in the store's catalogue.
 *
 * @param id        the graph id
 * @param version   its current version
 * @param createdAt when it was created
 * @param updatedAt when its current version was stored
 * @param nodes     number of nodes at the current version
 * @param edges     number of edges at the current version
 * @param name      its display name: the diagram-level field {@code name} at the current version
 */
public record GraphSummary(String id, long version, Instant createdAt, Instant updatedAt, int nodes,
                           int edges, Optional<String> name) {
}
