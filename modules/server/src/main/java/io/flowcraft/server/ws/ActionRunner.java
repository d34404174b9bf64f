package io.flowcraft.server.ws;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.api.spi.ActionContext;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.GraphState;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.plugins.ExtensionFailedException;
import io.flowcraft.plugins.PluginHost;
import io.flowcraft.plugins.RegisteredAction;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs {@code execute_action}: finds the action and the node, runs the plugin (with the host's
 * timeout) on an immutable view of the current graph, and applies its changeset as one new version.
 * The change serializes with every other write on the graph's version: if the graph changed
 * meanwhile, the changeset is rebased like a patch, and when it conflicts the action is run again on
 * the new state (once). Errors go to the requester only; nothing changes. Thread-safe.
 */
final class ActionRunner {
    private static final System.Logger LOG = System.getLogger(ActionRunner.class.getName());

    private final GraphStore store;
    private final PluginHost plugins;
    private final Frames frames;

    ActionRunner(GraphStore store, PluginHost plugins, Frames frames) {
        this.store = store;
        this.plugins = plugins;
        this.frames = frames;
    }

    void run(Connection c, ClientMessage.ExecuteAction request, Optional<String> correlationId) {
        Optional<RegisteredAction> found = plugins.action(request.actionId());
        if (found.isEmpty()) {
            c.send(frames.error(ErrorCode.UNKNOWN_ACTION, "there is no action '" + request.actionId()
                    + "'; the available actions are " + plugins.actions().stream().map(a -> a.descriptor().id()).toList(),
                    Map.of("actionId", request.actionId()), correlationId));
            return;
        }
        RegisteredAction action = found.get();
        for (int attempt = 0; attempt < 2; attempt++) {
            GraphState state = store.current(c.graphId());
            Optional<Node> node = state.graph().node(request.nodeId());
            if (node.isEmpty()) {
                c.send(frames.error(ErrorCode.UNKNOWN_NODE, "graph '" + c.graphId() + "' has no node '"
                        + request.nodeId() + "' at version " + state.version(), Map.of("nodeId", request.nodeId()),
                        correlationId));
                return;
            }
            if (!action.descriptor().appliesTo(node.get().type())) {
                fail(c, action, "action '" + request.actionId() + "' does not apply to nodes of type '"
                        + node.get().type() + "' (it applies to " + action.descriptor().nodeTypes() + ")", List.of(),
                        correlationId);
                return;
            }
            Changeset changes;
            try {
                Context context = new Context(state.graph(), node.get(), request.params());
                changes = plugins.call(action.pluginId(), "action '" + request.actionId() + "'",
                        () -> action.action().apply(context));
            } catch (ExtensionFailedException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
                fail(c, action, e.getMessage(), List.of(), correlationId);
                return;
            }
            if (changes == null) {
                fail(c, action, "action '" + request.actionId() + "' returned no changeset", List.of(), correlationId);
                return;
            }
            CommitResult result = store.patch(c.graphId(), state.version(), changes.toOps(),
                    new CommitOrigin(c.id(), correlationId, c.presenceName()), Rooms.ACTION_KIND + request.actionId());
            switch (result) {
                case CommitResult.Accepted a -> {
                    return;
                }
                case CommitResult.Rejected r -> LOG.log(System.Logger.Level.DEBUG,
                        "action " + request.actionId() + " raced another change; running it again");
                case CommitResult.Invalid i -> {
                    fail(c, action, "action '" + request.actionId() + "' produced an invalid change: "
                            + i.problems().getFirst().message(), i.problems().stream()
                            .map(p -> Map.of("code", p.code(), "message", p.message(), "id", p.id())).toList(), correlationId);
                    return;
                }
                case CommitResult.TooLarge t -> {
                    c.send(frames.error(ErrorCode.GRAPH_TOO_LARGE, t.message(), Map.of(), correlationId));
                    return;
                }
                case CommitResult.VersionMismatch m -> LOG.log(System.Logger.Level.DEBUG, "unexpected mismatch");
                case CommitResult.UnknownVersion u -> LOG.log(System.Logger.Level.DEBUG, "unexpected unknown version");
            }
        }
        fail(c, action, "the graph kept changing while action '" + request.actionId() + "' ran; try again",
                List.of(), correlationId);
    }

    private void fail(Connection c, RegisteredAction action, String message, List<Map<String, String>> problems,
                      Optional<String> correlationId) {
        Map<String, Object> details = problems.isEmpty()
                ? Map.of("pluginId", action.pluginId(), "actionId", action.descriptor().id())
                : Map.of("pluginId", action.pluginId(), "actionId", action.descriptor().id(), "problems", problems);
        c.send(frames.error(ErrorCode.ACTION_FAILED, message, details, correlationId));
    }

    /** The immutable view an action sees; hands out ids unique in the graph. */
    private static final class Context implements ActionContext {
        private final Graph graph;
        private final Node target;
        private final Map<String, Object> params;
        private final Set<String> used = new HashSet<>();

        Context(Graph graph, Node target, Map<String, Object> params) {
            this.graph = graph;
            this.target = target;
            this.params = params;
            graph.nodes().forEach(n -> used.add(n.id()));
            graph.edges().forEach(e -> used.add(e.id()));
        }

        @Override
        public Graph graph() {
            return graph;
        }

        @Override
        public Node target() {
            return target;
        }

        @Override
        public Map<String, Object> params() {
            return params;
        }

        @Override
        public synchronized String newId(String prefix) {
            String p = prefix == null || prefix.isBlank() ? "id" : prefix.replaceAll("[^A-Za-z0-9_-]", "");
            while (true) {
                String id = p + "-" + UUID.randomUUID().toString().substring(0, 8);
                if (used.add(id)) {
                    return id;
                }
            }
        }
    }
}
