package io.flowcraft.server.ws;

import io.flowcraft.api.GraphOp;
import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.VersionOps;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handles complete client messages: decode, act on the store, answer the sender. Accepted changes
 * reach every client through the store's commit listener ({@link Rooms}), not from here.
 * Thread-safe; runs on the sending connection's own thread.
 */
final class ProtocolHandler {
    private static final System.Logger LOG = System.getLogger(ProtocolHandler.class.getName());

    private final GraphStore store;
    private final Frames frames;
    private final MessageDecoder decoder;
    private final GraphCodec codec;
    private final ActionRunner actions;
    private final ExecutionHandler executions;
    private final Presence presence;
    private final io.flowcraft.server.security.ServerGuard guard;

    ProtocolHandler(GraphStore store, Frames frames, MessageDecoder decoder, GraphCodec codec, ActionRunner actions,
                    ExecutionHandler executions, Presence presence, io.flowcraft.server.security.ServerGuard guard) {
        this.guard = guard;
        this.executions = executions;
        this.presence = presence;
        this.store = store;
        this.frames = frames;
        this.decoder = decoder;
        this.codec = codec;
        this.actions = actions;
    }

    void handle(Connection c, String text) {
        Inbound in = decoder.decode(text);
        try {
            switch (in) {
                case Inbound.Bad bad -> {
                    LOG.log(Level.INFO, "connection " + c.id() + ": " + bad.code().wire() + ": " + bad.message());
                    c.send(frames.error(bad.code(), bad.message(), bad.details(), bad.correlationId()));
                }
                case Inbound.Request req -> {
                    var refused = guard.permit(c.id(), c.access(), req.message());
                    if (refused.isPresent()) {
                        c.send(frames.error(refused.get().code(), refused.get().message(), refused.get().details(),
                                req.correlationId()));
                    } else {
                        dispatch(c, req);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "connection " + c.id() + ": handling a message failed", e);
            c.send(frames.error(ErrorCode.INTERNAL_ERROR, "the server failed to handle the message; nothing was "
                    + "changed. The error is in the server log.", Map.of(), in.correlationId()));
        }
    }

    private void dispatch(Connection c, Inbound.Request req) {
        CommitOrigin origin = new CommitOrigin(c.id(), req.correlationId(), c.presenceName());
        switch (req.message()) {
            case ClientMessage.SyncGraph sync ->
                    answer(c, store.sync(c.graphId(), sync.version(), sync.graph(), origin), req.correlationId());
            case ClientMessage.PatchGraph patch ->
                    answer(c, store.patch(c.graphId(), patch.baseVersion(), patch.ops(), origin), req.correlationId());
            case ClientMessage.Hello hello -> hello(c, hello, req.correlationId());
            case ClientMessage.ExecuteAction action -> actions.run(c, action, req.correlationId());
            case ClientMessage.ExecuteDiagram execute -> executions.execute(c, execute, req.correlationId());
            case ClientMessage.ControlExecution control -> executions.control(c, control, req.correlationId());
            case ClientMessage.UserResponse answer -> executions.respond(c, answer, req.correlationId());
            case ClientMessage.BroadcastEvent event -> executions.broadcast(c, event, req.correlationId());
            case ClientMessage.Presence p -> {
                c.presence(p.name(), p.editing());
                presence.changed(c);
            }
        }
    }

    private void hello(Connection c, ClientMessage.Hello hello, Optional<String> correlationId) {
        boolean patches = hello.capabilities().contains("patch");
        boolean watchPresence = hello.capabilities().contains("presence");
        store.withCurrent(c.graphId(), state -> {
            if (patches) {
                c.usePatches();
            }
            List<String> granted = new java.util.ArrayList<>();
            if (c.patches()) {
                granted.add("patch");
            }
            if (watchPresence) {
                granted.add("presence");
            }
            c.send(frames.hello(state.version(), granted, c.id(), c.access().principal().role().wire(),
                    correlationId));
            if (hello.since().isPresent() && !replay(c, hello.since().get(), correlationId)) {
                c.send(frames.syncGraph(state.version(), state.graphJson(), correlationId, Optional.empty()));
            }
            return null;
        });
        if (watchPresence) {
            c.watchPresence();
            presence.changed(c);
        }
    }

    /**
     * Sends the operations accepted after {@code since}, one {@code graph_patch} per version. Call
     * under the graph's lock.
     *
     * @return {@code false} when the history no longer has them (the caller sends a snapshot)
     */
    boolean replay(Connection c, long since, Optional<String> correlationId) {
        Optional<List<VersionOps>> ops = store.opsSince(c.graphId(), since);
        if (ops.isEmpty()) {
            return false;
        }
        c.usePatches();
        for (VersionOps v : ops.get()) {
            c.send(frames.graphPatch(v.version(), codec.encodeOps(v.ops()), v.author(), correlationId));
        }
        return true;
    }

    private void answer(Connection c, CommitResult result, Optional<String> correlationId) {
        switch (result) {
            case CommitResult.Accepted accepted -> {
                // broadcast to the room, sender included, by the commit listener
            }
            case CommitResult.VersionMismatch mismatch -> c.send(frames.syncGraph(mismatch.current().version(),
                    mismatch.current().graphJson(), correlationId, Optional.of("version_mismatch")));
            case CommitResult.Rejected r -> {
                List<GraphOp> since = r.since().stream().flatMap(v -> v.ops().stream()).toList();
                c.send(frames.patchRejected(r.baseVersion(), r.version(), r.conflicts().stream()
                                .map(x -> Map.of("id", x.id(), "field", x.field())).toList(), codec.encodeOps(since),
                        r.resync(), correlationId));
            }
            case CommitResult.Invalid invalid -> c.send(frames.error(ErrorCode.INVALID_GRAPH,
                    "the graph is invalid (" + invalid.problems().size() + " problem"
                            + (invalid.problems().size() == 1 ? "" : "s") + "): "
                            + invalid.problems().getFirst().message() + (invalid.problems().size() > 1 ? "; …" : ""),
                    Frames.problemDetails(invalid.problems()), correlationId));
            case CommitResult.TooLarge tooLarge -> c.send(frames.error(ErrorCode.GRAPH_TOO_LARGE, tooLarge.message(),
                    Map.of("maxNodes", tooLarge.limits().maxNodes(), "maxEdges", tooLarge.limits().maxEdges()),
                    correlationId));
            case CommitResult.UnknownVersion unknown -> c.send(frames.error(ErrorCode.INVALID_MESSAGE,
                    unknown.message(), Map.of("field", "payload.baseVersion"), correlationId));
        }
    }
}
