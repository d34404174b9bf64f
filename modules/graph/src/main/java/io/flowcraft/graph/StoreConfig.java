package io.flowcraft.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the graph store is set up.
 *
 * @param dataDir            directory of the database file ({@code flowcraft.db}), created if missing
 * @param limits             graph size limits
 * @param historyMaxVersions most versions kept per graph (older ones are pruned), at least 1
 * @param historyMaxAge      versions older than this are pruned; {@link Duration#ZERO} keeps them
 * @param fsync              {@code true}: every commit is fsynced ({@code synchronous=FULL}), surviving
 *                           power loss; {@code false}: WAL with {@code synchronous=NORMAL}, surviving a
 *                           crash or {@code kill -9} of the process but not of the machine
 */
public record StoreConfig(Path dataDir, GraphLimits limits, int historyMaxVersions,
                          Duration historyMaxAge, boolean fsync) {
    /** Checks the components. */
    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(historyMaxAge, "historyMaxAge");
        if (historyMaxVersions < 1) {
            throw new IllegalArgumentException("historyMaxVersions must be at least 1");
        }
    }
}
