package io.flowcraft.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * The run and node a thread is working for, so that log lines about a run can name them whoever
 * writes them (the engine, a plugin's executor, the LLM service): the host's log formatter reads
 * {@link #current()}. The engine sets it on each node's thread and around its own log calls about
 * a run.
 */
public final class LogContext {
    private static final ThreadLocal<Ids> CURRENT = new ThreadLocal<>();

    private LogContext() {
    }

    /**
     * What a log line is about.
     *
     * @param executionId the run
     * @param nodeId      the node, when the line is about one
     */
    public record Ids(String executionId, Optional<String> nodeId) {
        /** Checks the components. */
        public Ids {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /**
     * The run and node this thread works for now.
     *
     * @return the ids, or empty outside a run
     */
    public static Optional<Ids> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code action} with the given ids as this thread's context, then restores the previous one. */
    static void with(Ids ids, Runnable action) {
        Ids before = CURRENT.get();
        CURRENT.set(ids);
        try {
            action.run();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** Logs a line about a run (and a node), with the ids set for the formatter. */
    static void log(System.Logger logger, System.Logger.Level level, String executionId, Optional<String> nodeId,
                    String message, Throwable thrown) {
        if (logger.isLoggable(level)) {
            with(new Ids(executionId, nodeId), () -> {
                if (thrown == null) {
                    logger.log(level, message);
                } else {
                    logger.log(level, message, thrown);
                }
            });
        }
    }
}
