package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.protocol.Problem;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What asking the engine to run a diagram gave. */
public sealed interface StartResult {
    /**
     * The run started; its events follow on the bus.
     *
     * @param executionId the run's id
     * @param completion  completes with the run's terminal event
     */
    record Started(String executionId, CompletableFuture<ExecutionEvent.Terminal> completion) implements StartResult {
    }

    /**
     * The diagram cannot run; nothing ran.
     *
     * @param problems every problem found
     */
    record Rejected(List<Problem> problems) implements StartResult {
        /** Copies the list. */
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
