package io.flowcraft.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs diagrams.
 *
 * @param baseDir             the directory file-based nodes resolve relative paths against (a run
 *                            may name its own)
 * @param maxConcurrency      how many nodes of one run may run at once
 * @param nodeTimeout         how long a node may run when its own {@code timeout} field says nothing
 * @param defaultMaxIteration the iteration bound of a node in a loop without {@code max_iteration}
 * @param maxSteps            how many node activations one run may make before it is stopped (a
 *                            last guard against loops that never end)
 * @param maxRetainedRuns     how many ended runs stay in memory for late joiners and quick lookups
 */
public record EngineConfig(Path baseDir, int maxConcurrency, Duration nodeTimeout, int defaultMaxIteration,
                           long maxSteps, int maxRetainedRuns) {
    /** Checks the components. */
    public EngineConfig {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(nodeTimeout, "nodeTimeout");
        if (maxConcurrency < 1 || defaultMaxIteration < 1 || maxSteps < 1 || maxRetainedRuns < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * The defaults: 1,024 concurrent nodes, 5-minute node timeout, loops bounded at 100, a million
     * steps per run, 100 ended runs kept in memory.
     *
     * @param baseDir the base directory for file-based nodes
     * @return the configuration
     */
    public static EngineConfig defaults(Path baseDir) {
        return new EngineConfig(baseDir, 1024, Duration.ofMinutes(5), 100, 1_000_000, 100);
    }

    /**
     * A copy with another concurrency limit.
     *
     * @param limit the limit
     * @return the copy
     */
    public EngineConfig withMaxConcurrency(int limit) {
        return new EngineConfig(baseDir, limit, nodeTimeout, defaultMaxIteration, maxSteps, maxRetainedRuns);
    }

    /**
     * A copy with another node timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public EngineConfig withNodeTimeout(Duration timeout) {
        return new EngineConfig(baseDir, maxConcurrency, timeout, defaultMaxIteration, maxSteps, maxRetainedRuns);
    }
}
