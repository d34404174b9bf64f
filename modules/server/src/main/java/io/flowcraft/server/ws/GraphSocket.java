package io.flowcraft.server.ws;

import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.server.config.FlowcraftConfig;
import io.flowcraft.server.security.ClientAccess;
import io.flowcraft.server.security.ServerGuard;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.common.uri.UriQuery;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code /ws} endpoint: one listener for every connection. Joins each connection to its
 * graph's room, assembles fragmented messages under the size limit, and hands complete messages to
 * the {@link ProtocolHandler} on the connection's own thread. Thread-safe.
 */
public final class GraphSocket implements WsListener {
    private static final System.Logger LOG = System.getLogger(GraphSocket.class.getName());
    private static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofSeconds(5);

    private final GraphStore store;
    private final Rooms rooms;
    private final Frames frames;
    private final ProtocolHandler handler;
    private final ExecutionHandler executions;
    private final Presence presence;
    private final FlowcraftConfig.WebSocket config;
    private final ServerGuard guard;
    private final ConcurrentHashMap<WsSession, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread sweeper;

    /**
     * Creates the endpoint.
     *
     * @param store  the graph store
     * @param rooms  the rooms
     * @param frames the message builder
     * @param codec  the graph codec
     * @param config  WebSocket settings
     * @param plugins the plugin host (graph actions)
     * @param engine  the execution engine
     * @param relay   the relay of execution events
     * @param guard   who may connect and send what, and how much
     */
    public GraphSocket(GraphStore store, Rooms rooms, Frames frames, GraphCodec codec,
                       FlowcraftConfig.WebSocket config, io.flowcraft.plugins.PluginHost plugins,
                       io.flowcraft.engine.Engine engine, ExecutionRelay relay, ServerGuard guard) {
        this.guard = guard;
        this.store = store;
        this.rooms = rooms;
        this.frames = frames;
        this.config = config;
        this.executions = new ExecutionHandler(engine, store, relay, rooms, frames, codec.json(), guard.executions());
        this.presence = new Presence(rooms, frames, codec.json());
        this.handler = new ProtocolHandler(store, frames, new MessageDecoder(codec), codec,
                new ActionRunner(store, plugins, frames), executions, presence, guard);
        this.sweeper = Thread.ofVirtual().name("ws-sweeper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(SWEEP_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
                int dropped = sweep();
                if (dropped > 0) {
                    LOG.log(Level.DEBUG, "dropped " + dropped + " connections whose peer vanished");
                }
            }
        });
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        return guard.upgradeHeaders(headers);
    }

    @Override
    public void onOpen(WsSession session) {
        ClientAccess access;
        switch (guard.admit(session.socketContext().remotePeer().address())) {
            case ServerGuard.Admission.Refused refused -> {
                session.close(refused.code(), refused.reason());
                return;
            }
            case ServerGuard.Admission.Admitted admitted -> access = admitted.access();
        }
        UriQuery query = session.prologue().query();
        String graphId = query.first("graph").orElse(GraphIds.DEFAULT);
        String id = "c" + ids.incrementAndGet();
        Connection c = new Connection(id, graphId, session, config.queueMessages(), config.queueBytes(), access,
                gone -> {
                    guard.closed(gone.access());
                    rooms.leave(gone);
                    presence.changed(gone);
                });
        connections.put(session, c);
        c.start();
        if (!GraphIds.isValid(graphId)) {
            c.send(frames.error(ErrorCode.INVALID_GRAPH_ID, "graph id '" + abbreviate(graphId)
                    + "' is not valid: use 1 to 64 letters, digits, '_' or '-'", Map.of("graph",
                    abbreviate(graphId)), Optional.empty()));
            c.close(WsCloseCodes.VIOLATED_POLICY, "invalid graph id");
            return;
        }
        boolean patches = query.first("protocol").asOptional().map("2"::equals).orElse(false);
        Optional<Long> since = query.first("since").asOptional().flatMap(GraphSocket::version);
        store.withCurrent(graphId, state -> {
            rooms.join(c);
            if (patches || since.isPresent()) {
                c.usePatches();
            }
            if (since.isEmpty() || !handler.replay(c, since.get(), Optional.empty())) {
                c.send(frames.syncGraph(state.version(), state.graphJson(), Optional.empty(), Optional.empty()));
            }
            return null;
        });
        executions.joined(c);
        presence.changed(c);
        LOG.log(Level.DEBUG, () -> "connection " + id + " joined graph " + graphId);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        Connection c = connections.get(session);
        if (c == null) {
            return;
        }
        long bytes = utf8Length(text);
        if (c.discarding || c.partialBytes + bytes > config.maxMessageBytes()) {
            c.partial.setLength(0);
            c.partialBytes = 0;
            c.discarding = !last;
            if (last && admitted(c)) {
                c.send(frames.error(ErrorCode.MESSAGE_TOO_LARGE, "the message is larger than the limit of "
                        + config.maxMessageBytes() + " bytes; send smaller changes (patch_graph) or raise "
                        + "flowcraft.websocket.max-message-bytes", Map.of("limit", config.maxMessageBytes()),
                        Optional.empty()));
            }
            return;
        }
        if (!last) {
            c.partial.append(text);
            c.partialBytes += bytes;
            return;
        }
        String message = text;
        if (!c.partial.isEmpty()) {
            message = c.partial.append(text).toString();
            c.partial.setLength(0);
            c.partial.trimToSize();
        }
        c.partialBytes = 0;
        if (admitted(c)) {
            handler.handle(c, message);
        }
    }

    /**
     * Spends one message of the connection's rate budget (every complete message counts, bad ones
     * too); a message over it is answered {@code rate_limited}, a flood closes the connection.
     *
     * @return {@code true} to process the message
     */
    private boolean admitted(Connection c) {
        return switch (guard.spend(c.id(), c.access())) {
            case ServerGuard.Verdict.Process p -> true;
            case ServerGuard.Verdict.Refuse r -> {
                c.send(frames.error(r.refusal().code(), r.refusal().message(), r.refusal().details(), Optional.empty()));
                yield false;
            }
            case ServerGuard.Verdict.Close close -> {
                c.close(WsCloseCodes.VIOLATED_POLICY, close.reason());
                yield false;
            }
        };
    }

    /** The size of {@code s} in UTF-8, as the client sent it, without encoding it (fragments count by bytes). */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public void onMessage(WsSession session, io.helidon.common.buffers.BufferData buffer, boolean last) {
        Connection c = connections.get(session);
        if (c != null && last && admitted(c)) {
            c.send(frames.error(ErrorCode.INVALID_MESSAGE, "binary frames are not supported: send JSON text frames",
                    Map.of("field", "frame"), Optional.empty()));
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        Connection c = connections.remove(session);
        if (c != null) {
            c.gone();
        }
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.DEBUG, "WebSocket error: " + t.getMessage());
        Connection c = connections.remove(session);
        if (c != null) {
            c.gone();
        }
    }

    /**
     * Closes every connection, for shutdown.
     */
    public void closeAll() {
        sweeper.interrupt();
        connections.values().forEach(c -> c.close(WsCloseCodes.GOING_AWAY, "server shutting down"));
    }

    private static Optional<Long> version(String s) {
        try {
            long v = Long.parseLong(s);
            return v >= 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * How many WebSocket connections are open.
     *
     * @return the number of connections
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Drops connections whose peer vanished without a close frame (Helidon ends their reading
     * thread without telling the listener), so their queues and threads are released.
     *
     * @return how many were dropped
     */
    public int sweep() {
        int dropped = 0;
        for (var e : connections.entrySet()) {
            if (e.getValue().readerEnded() && connections.remove(e.getKey(), e.getValue())) {
                e.getValue().gone();
                dropped++;
            }
        }
        return dropped;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
