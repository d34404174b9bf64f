package io.flowcraft.graph;

import io.flowcraft.api.GraphOp;

import java.util.List;
import java.util.Objects;

/**
 * The operations that made one version, and who made it.
 *
 * @param version the version they produced
 * @param ops     the operations, as they took effect
 * @param author  who made the change
 */
public record VersionOps(long version, List<GraphOp> ops, String author) {
    /** Copies the list. */
    public VersionOps {
        ops = List.copyOf(ops);
        Objects.requireNonNull(author, "author");
    }
}
