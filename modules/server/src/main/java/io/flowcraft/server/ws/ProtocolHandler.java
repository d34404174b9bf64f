package io.flowcraft.server.ws;

import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.GraphStore;

import java.lang.System.Logger.Level;
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

    ProtocolHandler(GraphStore store, Frames frames, MessageDecoder decoder) {
        this.store = store;
        this.frames = frames;
        this.decoder = decoder;
    }

    void handle(Connection c, String text) {
        Inbound in = decoder.decode(text);
        try {
            switch (in) {
                case Inbound.Bad bad -> {
                    LOG.log(Level.INFO, "connection " + c.id() + ": " + bad.code().wire() + ": " + bad.message());
                    c.send(frames.error(bad.code(), bad.message(), bad.details(), bad.correlationId()));
                }
                case Inbound.Request req -> dispatch(c, req);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "connection " + c.id() + ": handling a message failed", e);
            c.send(frames.error(ErrorCode.INTERNAL_ERROR, "the server failed to handle the message; nothing was "
                    + "changed. The error is in the server log.", Map.of(), in.correlationId()));
        }
    }

    private void dispatch(Connection c, Inbound.Request req) {
        switch (req.message()) {
            case ClientMessage.SyncGraph sync -> {
                CommitResult result = store.sync(c.graphId(), sync.version(), sync.graph(),
                        new CommitOrigin(c.id(), req.correlationId()));
                answer(c, result, req.correlationId());
            }
        }
    }

    private void answer(Connection c, CommitResult result, Optional<String> correlationId) {
        switch (result) {
            case CommitResult.Accepted accepted -> {
                // broadcast to the room, sender included, by the commit listener
            }
            case CommitResult.VersionMismatch mismatch -> c.send(frames.syncGraph(mismatch.current().version(),
                    mismatch.current().graphJson(), correlationId, Optional.of("version_mismatch")));
            case CommitResult.Invalid invalid -> c.send(frames.error(ErrorCode.INVALID_GRAPH,
                    "the graph is invalid (" + invalid.problems().size() + " problem"
                            + (invalid.problems().size() == 1 ? "" : "s") + "): "
                            + invalid.problems().getFirst().message() + (invalid.problems().size() > 1 ? "; …" : ""),
                    Frames.problemDetails(invalid.problems()), correlationId));
            case CommitResult.TooLarge tooLarge -> c.send(frames.error(ErrorCode.GRAPH_TOO_LARGE, tooLarge.message(),
                    Map.of("maxNodes", tooLarge.limits().maxNodes(), "maxEdges", tooLarge.limits().maxEdges()),
                    correlationId));
            case CommitResult.UnknownVersion unknown -> c.send(frames.error(ErrorCode.INVALID_MESSAGE,
                    unknown.message(), Map.of("field", "payload.version"), correlationId));
        }
    }
}
