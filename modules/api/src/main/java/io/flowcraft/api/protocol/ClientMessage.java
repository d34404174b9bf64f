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
}
