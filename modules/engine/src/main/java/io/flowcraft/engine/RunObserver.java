package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionStatus;

import java.util.List;
import java.util.Optional;

/**
 * Told what runs do, for metrics and tracing (the host's business, not the engine's). Calls come
 * from the engine's threads, some under a run's lock: implementations must be quick, must not
 * block and must not throw. Every method does nothing by default.
 */
public interface RunObserver {
    /** Observes nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /**
     * One observer that tells each of {@code observers}, in order (metrics and tracing, say). Each
     * is told even when an earlier one throws; the first exception is rethrown afterwards.
     *
     * @param observers the observers, none null
     * @return {@link #NONE} for none, the observer itself for one, else their fan-out
     * @throws NullPointerException if an observer is null
     */
    static RunObserver all(RunObserver... observers) {
        List<RunObserver> each = List.of(observers);
        if (each.size() < 2) {
            return each.isEmpty() ? NONE : each.getFirst();
        }
        return new RunObserver() {
            @Override
            public void runStarted(String executionId, String graphId) {
                Observers.tellEach(each, o -> o.runStarted(executionId, graphId));
            }

            @Override
            public void runEnded(String executionId, String graphId, ExecutionStatus status, long durationMs) {
                Observers.tellEach(each, o -> o.runEnded(executionId, graphId, status, durationMs));
            }

            @Override
            public void nodeStarted(String executionId, String nodeId, String type, int iteration) {
                Observers.tellEach(each, o -> o.nodeStarted(executionId, nodeId, type, iteration));
            }

            @Override
            public void nodeEnded(String executionId, String nodeId, String type, long durationNanos,
                                  Optional<String> error) {
                Observers.tellEach(each, o -> o.nodeEnded(executionId, nodeId, type, durationNanos, error));
            }
        };
    }

    /**
     * A run started.
     *
     * @param executionId the run
     * @param graphId     its graph
     */
    default void runStarted(String executionId, String graphId) {
    }

    /**
     * A run ended.
     *
     * @param executionId the run
     * @param graphId     its graph
     * @param status      how it ended: completed, failed or cancelled
     * @param durationMs  how long it ran
     */
    default void runEnded(String executionId, String graphId, ExecutionStatus status, long durationMs) {
    }

    /**
     * A node started one attempt.
     *
     * @param executionId the run
     * @param nodeId      the node
     * @param type        its type
     * @param iteration   its iteration (0 the first time)
     */
    default void nodeStarted(String executionId, String nodeId, String type, int iteration) {
    }

    /**
     * A node's attempt ended.
     *
     * @param executionId   the run
     * @param nodeId        the node
     * @param type          its type
     * @param durationNanos how long the attempt took
     * @param error         why it failed, if it did (a retried attempt counts as failed)
     */
    default void nodeEnded(String executionId, String nodeId, String type, long durationNanos,
                           Optional<String> error) {
    }
}
