package io.flowcraft.server.ws;

import io.flowcraft.server.security.ClientAccess;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client connection: its graph, its capabilities, and a bounded outbound queue drained by its
 * own virtual thread, so that a slow or dead client never makes anyone else wait.
 *
 * <p>Nothing is ever sent inline: {@link #offer(String)} and {@link #send(String)} only queue. A
 * queue over its message or byte bound is not silently truncated: the graph's broadcaster replaces
 * the backlog with one snapshot ({@link #resync(String)}), and a client that still cannot keep up
 * ({@value #MAX_RESYNCS} resyncs within {@code RESYNC_WINDOW}) is disconnected with close code 1008
 * and a reason. If its socket does not take the close frame within a grace period, the writer is
 * interrupted, which closes the socket. Thread-safe.
 */
public final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final OutFrame POISON = new OutFrame("close");
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final int MAX_RESYNCS = 3;
    private static final Duration RESYNC_WINDOW = Duration.ofSeconds(30);

    private final String id;
    private final String graphId;
    private final WsSession session;
    private final Thread reader;
    private final int maxMessages;
    private final long maxBytes;
    private final LinkedBlockingQueue<OutFrame> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Consumer<Connection> onGone;
    private final ClientAccess access;
    private final Thread writer;
    private volatile int closeCode = WsCloseCodes.NORMAL_CLOSE;
    private volatile String closeReason = "closing";
    private volatile boolean patches;
    private volatile boolean watchesPresence;
    private volatile Optional<String> presenceName = Optional.empty();
    private volatile Optional<String> editing = Optional.empty();
    private long resyncWindowStart;
    private int resyncs;

    /** Assembles a message that arrives in fragments; used only by the connection's reading thread. */
    final StringBuilder partial = new StringBuilder();
    /** The UTF-8 size of {@link #partial}; used only by the connection's reading thread. */
    long partialBytes;
    /** Whether the rest of the current fragmented message is being discarded (it is over the limit). */
    boolean discarding;

    Connection(String id, String graphId, WsSession session, int maxMessages, long maxBytes, ClientAccess access,
               Consumer<Connection> onGone) {
        this.access = access;
        this.id = id;
        this.graphId = graphId;
        this.session = session;
        this.reader = Thread.currentThread();
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.onGone = onGone;
        this.writer = Thread.ofVirtual().name("ws-out-" + id).unstarted(this::drain);
    }

    void start() {
        writer.start();
    }

    /**
     * The connection's id, used as author in the history.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Who opened the connection, and its message budget.
     *
     * @return its standing
     */
    public ClientAccess access() {
        return access;
    }

    /**
     * The graph this connection joined.
     *
     * @return the graph id
     */
    public String graphId() {
        return graphId;
    }

    /**
     * Whether the client receives changes as {@code graph_patch} (it said {@code hello} with the
     * {@code patch} capability, or connected with {@code ?protocol=2}).
     *
     * @return {@code true} for a patch client
     */
    public boolean patches() {
        return patches;
    }

    /**
     * The number in the connection id ({@code 12} for {@code c12}): the order connections opened.
     *
     * @return the serial number
     */
    long serial() {
        return Long.parseLong(id.substring(1));
    }

    /**
     * Whether the client asked for {@code presence} lists (hello capability {@code presence}).
     *
     * @return {@code true} if it did
     */
    boolean watchesPresence() {
        return watchesPresence;
    }

    /** Makes the client receive {@code presence} lists. */
    void watchPresence() {
        watchesPresence = true;
    }

    /**
     * The display name the client gave in its last {@code presence} message.
     *
     * @return the name, if any
     */
    Optional<String> presenceName() {
        return presenceName;
    }

    /**
     * The node the client said it edits in its last {@code presence} message.
     *
     * @return the node id, if any
     */
    Optional<String> editing() {
        return editing;
    }

    /**
     * Records the client's presence.
     *
     * @param name    its display name
     * @param editing the node it edits
     */
    void presence(Optional<String> name, Optional<String> editing) {
        this.presenceName = name;
        this.editing = editing;
    }

    /**
     * Whether the connection is closing or closed.
     *
     * @return {@code true} once closing started
     */
    boolean closing() {
        return closing.get();
    }

    /** Switches the client to patches; call under the graph's lock so no change is sent twice. */
    void usePatches() {
        patches = true;
    }

    /**
     * Queues a message if the queue has room; never blocks.
     *
     * @param text the message text
     * @return {@code false} if the queue is full (nothing queued) or the connection is closing
     */
    boolean offer(OutFrame frame) {
        if (closing.get()) {
            return false;
        }
        long bytes = queuedBytes.addAndGet(frame.length());
        if (queue.size() >= maxMessages || bytes > maxBytes) {
            queuedBytes.addAndGet(-frame.length());
            return false;
        }
        queue.add(frame);
        return true;
    }

    /**
     * Queues a reply to this client; a client too far behind to take it is disconnected.
     *
     * @param text the message text
     */
    public void send(String text) {
        if (!offer(new OutFrame(text)) && !closing.get()) {
            drop( "client too slow: outbound queue over " + maxMessages
                    + " messages or " + maxBytes + " bytes; reconnect to resync");
        }
    }

    /**
     * Replaces everything queued with one snapshot of the graph, for a client that fell behind;
     * disconnects a client that keeps falling behind. Call under the graph's lock.
     *
     * @param snapshot a {@code sync_graph} message with the current state
     */
    synchronized void resync(OutFrame snapshot) {
        if (closing.get()) {
            return;
        }
        long now = System.nanoTime();
        if (now - resyncWindowStart > RESYNC_WINDOW.toNanos()) {
            resyncWindowStart = now;
            resyncs = 0;
        }
        if (++resyncs > MAX_RESYNCS) {
            drop( "client too slow: fell behind " + MAX_RESYNCS + " times in "
                    + RESYNC_WINDOW.toSeconds() + " s; reconnect to resync");
            return;
        }
        LOG.log(Level.INFO, "connection " + id + " to graph " + graphId + " fell behind; sending a snapshot");
        queue.clear();
        queuedBytes.set(snapshot.length());
        queue.add(snapshot);
    }

    /**
     * Closes the connection after the messages already queued.
     *
     * @param code   the WebSocket close code
     * @param reason the close reason, for the client
     */
    public void close(int code, String reason) {
        close(code, reason, false);
    }

    /** Disconnects a client that cannot keep up, dropping what is queued for it. */
    private void drop(String reason) {
        LOG.log(Level.WARNING, "closing connection " + id + " to graph " + graphId + ": " + reason);
        close(WsCloseCodes.VIOLATED_POLICY, reason, true);
    }

    private void close(int code, String reason, boolean dropQueued) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeCode = code;
        closeReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
        if (dropQueued) {
            queue.clear();
            queuedBytes.set(0);
        }
        queue.add(POISON);
        onGone.accept(this);
        Thread.ofVirtual().name("ws-close-" + id).start(() -> {
            try {
                writer.join(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (writer.isAlive()) {
                writer.interrupt();
            }
        });
    }

    /** The peer closed or failed: stop writing, drop what is queued. */
    void gone() {
        if (closing.compareAndSet(false, true)) {
            queue.clear();
            queue.add(POISON);
            closeCode = -1;
            onGone.accept(this);
        }
    }

    /**
     * Whether the connection's reading thread has ended: Helidon does not tell the listener when a
     * peer drops the TCP connection without a close frame, but the thread that read it ends.
     *
     * @return {@code true} if the peer is gone
     */
    boolean readerEnded() {
        return !reader.isAlive();
    }

    private void drain() {
        try {
            while (true) {
                OutFrame frame = queue.take();
                if (frame == POISON) {
                    if (closeCode > 0) {
                        session.close(closeCode, closeReason);
                    }
                    return;
                }
                queuedBytes.addAndGet(-frame.length());
                frame.sendTo(session);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "sending to connection " + id + " failed: " + e.getMessage());
            gone();
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + " graph=" + graphId + (patches ? " patches" : "") + "]";
    }
}
