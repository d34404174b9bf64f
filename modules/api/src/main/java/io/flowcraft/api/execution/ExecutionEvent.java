package io.flowcraft.api.execution;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.spi.TokenUsage;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What happens during a run, in the order it happens. The engine publishes these on its event
 * bus; the server turns each into the protocol message of the same {@link #type()} for every
 * client of the graph, and the command-line runner prints them.
 *
 * <p>Every execution publishes exactly one {@link Terminal} event, last.
 */
public sealed interface ExecutionEvent {
    /**
     * The run's id.
     *
     * @return the execution id
     */
    String executionId();

    /**
     * The graph whose clients watch this run ({@code inline} style ids for unsaved diagrams are
     * the graph the request came from).
     *
     * @return the graph id
     */
    String graphId();

    /**
     * The protocol message type.
     *
     * @return the snake_case type
     */
    String type();

    /** The event that ends a run: completed, failed or cancelled. */
    sealed interface Terminal extends ExecutionEvent {
    }

    /** An event about one node of the run. */
    sealed interface NodeEvent extends ExecutionEvent {
        /**
         * The node's id.
         *
         * @return the node id
         */
        String nodeId();
    }

    /**
     * The run started.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param version     the graph version that runs; empty for an inline diagram
     */
    record ExecutionStarted(String executionId, String graphId, OptionalLong version) implements ExecutionEvent {
        /** Checks the components. */
        public ExecutionStarted {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(graphId, "graphId");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String type() {
            return "execution_started";
        }
    }

    /**
     * A node started.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param nodeId      the node
     * @param iteration   how many times it ran before in this run
     */
    record NodeStarted(String executionId, String graphId, String nodeId, int iteration) implements NodeEvent {
        @Override
        public String type() {
            return "node_started";
        }
    }

    /**
     * Partial output of a running node (streamed LLM tokens).
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param nodeId      the node
     * @param text        the new text
     */
    record NodeProgress(String executionId, String graphId, String nodeId, String text) implements NodeEvent {
        @Override
        public String type() {
            return "node_progress";
        }
    }

    /**
     * A node finished.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param nodeId      the node
     * @param iteration   which run of the node this was (0 for the first)
     * @param output      its output, a JSON value
     * @param durationMs  how long it ran
     * @param tokens      LLM tokens it used, if any
     */
    record NodeCompleted(String executionId, String graphId, String nodeId, int iteration, Object output,
                         long durationMs, Optional<TokenUsage> tokens) implements NodeEvent {
        /** Freezes the output. */
        public NodeCompleted {
            output = JsonValues.freeze(output);
            Objects.requireNonNull(tokens, "tokens");
        }

        @Override
        public String type() {
            return "node_completed";
        }
    }

    /**
     * A node will not run in this pass: its branch was not taken, its inputs were all skipped,
     * or it reached its {@code max_iteration}.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param nodeId      the node
     * @param reason      why, in a sentence
     */
    record NodeSkipped(String executionId, String graphId, String nodeId, String reason) implements NodeEvent {
        @Override
        public String type() {
            return "node_skipped";
        }
    }

    /**
     * A node failed for good (after its retries).
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param nodeId      the node
     * @param error       what went wrong, in a sentence
     */
    record NodeFailed(String executionId, String graphId, String nodeId, String error) implements NodeEvent {
        @Override
        public String type() {
            return "node_failed";
        }
    }

    /**
     * A node waits for a person's answer ({@code user_response}).
     *
     * @param executionId    the run
     * @param graphId        the graph
     * @param nodeId         the waiting node
     * @param prompt         the question
     * @param timeoutSeconds how long it waits
     */
    record InteractivePrompt(String executionId, String graphId, String nodeId, String prompt,
                             long timeoutSeconds) implements NodeEvent {
        @Override
        public String type() {
            return "interactive_prompt";
        }
    }

    /**
     * The run paused: no node starts until it resumes.
     *
     * @param executionId the run
     * @param graphId     the graph
     */
    record ExecutionPaused(String executionId, String graphId) implements ExecutionEvent {
        @Override
        public String type() {
            return "execution_paused";
        }
    }

    /**
     * The run resumed.
     *
     * @param executionId the run
     * @param graphId     the graph
     */
    record ExecutionResumed(String executionId, String graphId) implements ExecutionEvent {
        @Override
        public String type() {
            return "execution_resumed";
        }
    }

    /**
     * The run finished.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param outputs     the endpoint nodes' outputs by node id (every sink's when there is no
     *                    endpoint)
     * @param durationMs  how long the run took
     * @param tokens      LLM tokens used by the whole run
     */
    record ExecutionCompleted(String executionId, String graphId, Map<String, Object> outputs, long durationMs,
                              TokenUsage tokens) implements Terminal {
        /** Freezes the outputs. */
        public ExecutionCompleted {
            outputs = JsonValues.freezeObject(outputs);
            Objects.requireNonNull(tokens, "tokens");
        }

        @Override
        public String type() {
            return "execution_completed";
        }
    }

    /**
     * The run failed.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param error       what went wrong, in a sentence
     * @param nodeId      the node that failed, if a node did
     * @param durationMs  how long the run took
     */
    record ExecutionFailed(String executionId, String graphId, String error, Optional<String> nodeId,
                           long durationMs) implements Terminal {
        /** Checks the components. */
        public ExecutionFailed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(nodeId, "nodeId");
        }

        @Override
        public String type() {
            return "execution_failed";
        }
    }

    /**
     * The run was cancelled.
     *
     * @param executionId the run
     * @param graphId     the graph
     * @param reason      who or what cancelled it
     * @param durationMs  how long the run took
     */
    record ExecutionCancelled(String executionId, String graphId, String reason, long durationMs)
            implements Terminal {
        @Override
        public String type() {
            return "execution_cancelled";
        }
    }
}
