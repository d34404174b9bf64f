package io.flowcraft.api.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a node executor sees while it runs one node once: its own fields, its inputs (by edge
 * label or handle), the run's variables and its iteration count; never other nodes' internals.
 * Supplied by the engine; thread-safe. New capabilities arrive as default methods, so executors
 * written against this version keep working.
 */
public interface NodeContext {
    /**
     * The run's id.
     *
     * @return the execution id
     */
    String executionId();

    /**
     * The node's id.
     *
     * @return the node id
     */
    String nodeId();

    /**
     * The node's fields ({@code node.data}), with descriptor defaults filled in.
     *
     * @return the fields (immutable)
     */
    Map<String, Object> data();

    /**
     * The values that arrived on incoming edges, by edge label (or source node id when unlabeled).
     *
     * @return the inputs (immutable)
     */
    Map<String, Object> inputs();

    /**
     * The run's variables (the start node's {@code custom_data} and the run's inputs).
     *
     * @return the variables (immutable)
     */
    Map<String, Object> variables();

    /**
     * How many times this node has run before in this execution (0 on the first run).
     *
     * @return the iteration count
     */
    int iteration();

    /**
     * The directory file-based nodes resolve relative paths against, and may not leave.
     *
     * @return the base directory
     */
    Path baseDir();

    /**
     * How long this node may run.
     *
     * @return the timeout
     */
    Duration timeout();

    /**
     * Streams partial output (for example LLM tokens) to everyone watching the run.
     *
     * @param text the partial text
     */
    default void progress(String text) {
    }

    /**
     * Whether the run was cancelled; long-running executors check it and stop.
     *
     * @return {@code true} once cancelled
     */
    default boolean cancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
