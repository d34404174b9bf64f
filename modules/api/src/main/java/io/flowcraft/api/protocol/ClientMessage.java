package io.flowcraft.api.protocol;

import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;

import java.util.List;
import java.util.Optional;

import java.util.Objects;

/**
 * The messages a client sends, after the envelope has been decoded.
 *
 * <p>Each record is the typed payload of one message {@code type}; {@link #type()} is the wire
 * name. Later protocol additions arrive as new records of this family.
 */
public sealed interface ClientMessage {
    /**
     * The message type on the wire.
     *
     * @return the snake_case type
     */
    String type();

    /**
     * {@code sync_graph}: the client's full graph, based on the version it holds.
     *
     * @param version the version the client holds
     * @param graph   the graph it wants stored as {@code version + 1}
     */
    record SyncGraph(long version, Graph graph) implements ClientMessage {
        /** @throws NullPointerException if graph is null */
        public SyncGraph {
            Objects.requireNonNull(graph, "graph");
        }

        @Override
        public String type() {
            return "sync_graph";
        }
    }

    /**
     * {@code hello}: what the client speaks; {@code patch} makes the server send every accepted
     * change as {@code graph_patch}. With {@code since}, the server replays the operations accepted
     * after that version.
     *
     * @param capabilities the client's capabilities, such as {@code patch}
     * @param since        the version the client holds, if it is resuming
     */
    record Hello(List<String> capabilities, Optional<Long> since) implements ClientMessage {
        /** Copies the list. */
        public Hello {
            capabilities = List.copyOf(capabilities);
            Objects.requireNonNull(since, "since");
        }

        @Override
        public String type() {
            return "hello";
        }
    }

    /**
     * {@code patch_graph}: operations based on the version the client holds.
     *
     * @param baseVersion the version the operations were made on
     * @param ops         the operations, applied atomically
     */
    record PatchGraph(long baseVersion, List<GraphOp> ops) implements ClientMessage {
        /** Copies the list. */
        public PatchGraph {
            ops = List.copyOf(ops);
        }

        @Override
        public String type() {
            return "patch_graph";
        }
    }

    /**
     * {@code execute_action}: run a graph action on a node.
     *
     * @param actionId the action's id
     * @param nodeId   the target node
     * @param params   parameters for the action, possibly empty
     */
    record ExecuteAction(String actionId, String nodeId, java.util.Map<String, Object> params)
            implements ClientMessage {
        /** Checks and freezes the components. */
        public ExecuteAction {
            Objects.requireNonNull(actionId, "actionId");
            Objects.requireNonNull(nodeId, "nodeId");
            params = io.flowcraft.api.JsonValues.freezeObject(params);
        }

        @Override
        public String type() {
            return "execute_action";
        }
    }

    /**
     * {@code execute_diagram}: run the current version of a stored graph, or a diagram sent inline.
     *
     * @param graphId the stored graph to run; empty: the connection's graph (or the inline diagram)
     * @param diagram an inline diagram (a graph, or a document such as DiPeO's light format), as
     *                decoded JSON
     * @param inputs  the run's inputs, which become variables
     * @param options run options ({@code timeoutSeconds}, {@code maxConcurrency}, …)
     */
    record ExecuteDiagram(Optional<String> graphId, Optional<java.util.Map<String, Object>> diagram,
                          java.util.Map<String, Object> inputs, java.util.Map<String, Object> options)
            implements ClientMessage {
        /** Checks and freezes the components. */
        public ExecuteDiagram {
            Objects.requireNonNull(graphId, "graphId");
            diagram = Objects.requireNonNull(diagram, "diagram").map(io.flowcraft.api.JsonValues::freezeObject);
            inputs = io.flowcraft.api.JsonValues.freezeObject(inputs);
            options = io.flowcraft.api.JsonValues.freezeObject(options);
        }

        @Override
        public String type() {
            return "execute_diagram";
        }
    }

    /**
     * {@code pause_execution}, {@code resume_execution} or {@code cancel_execution}.
     *
     * @param command     what to do
     * @param executionId the run
     */
    record ControlExecution(Command command, String executionId) implements ClientMessage {
        /** Checks the components. */
        public ControlExecution {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(executionId, "executionId");
        }

        @Override
        public String type() {
            return command.wire();
        }

        /** The control commands. */
        public enum Command {
            /** No new node starts; running ones finish. */
            PAUSE("pause_execution"),
            /** Nodes start again. */
            RESUME("resume_execution"),
            /** Running nodes are interrupted and the run ends. */
            CANCEL("cancel_execution");

            private final String wire;

            Command(String wire) {
                this.wire = wire;
            }

            /**
             * The message type.
             *
             * @return the snake_case type
             */
            public String wire() {
                return wire;
            }
        }
    }

    /**
     * {@code user_response}: answers a waiting {@code user_response} node.
     *
     * @param executionId the run
     * @param nodeId      the waiting node
     * @param response    the answer, a JSON value
     */
    record UserResponse(String executionId, String nodeId, Object response) implements ClientMessage {
        /** Checks and freezes the components. */
        public UserResponse {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(nodeId, "nodeId");
            response = io.flowcraft.api.JsonValues.freeze(response);
        }

        @Override
        public String type() {
            return "user_response";
        }
    }

    /**
     * {@code broadcast_event}: relayed as is to every client of the graph.
     *
     * @param payload the payload to relay
     */
    record BroadcastEvent(java.util.Map<String, Object> payload) implements ClientMessage {
        /** Freezes the payload. */
        public BroadcastEvent {
            payload = io.flowcraft.api.JsonValues.freezeObject(payload);
        }

        @Override
        public String type() {
            return "broadcast_event";
        }
    }

    /**
     * {@code presence}: who the sender is and which node they are editing, shown to the other
     * collaborators of the graph.
     *
     * @param name    the display name, if the user gave one
     * @param editing the id of the node being edited, if any
     */
    record Presence(Optional<String> name, Optional<String> editing) implements ClientMessage {
        /** Checks for {@code null}. */
        public Presence {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(editing, "editing");
        }

        @Override
        public String type() {
            return "presence";
        }
    }
}
