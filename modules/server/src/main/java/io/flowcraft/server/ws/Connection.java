package io.flowcraft.server.ws;

import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsSession;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client connection: its graph, and a bounded outbound queue drained by its own virtual
 * thread, so that a slow or dead client never makes anyone else wait.
 *
 * <p>Everything sent to the client goes through {@link #send(String)}, which never blocks: when
 * the queue is over its message or byte bound the client is disconnected with close code 1008 and
 * a reason, and if its socket does not take the close frame within a grace period, the writer is
 * interrupted, which closes the socket. Thread-safe.
 */
public final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final String POISON = new String("close");
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String id;
    private final String graphId;
    private final WsSession session;
    private final int maxMessages;
    private final long maxBytes;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Consumer<Connection> onGone;
    private final Thread writer;
    private volatile int closeCode = WsCloseCodes.NORMAL_CLOSE;
    private volatile String closeReason = "closing";

    /** Assembles a message that arrives in fragments; used only by the connection's reading thread. */
    final StringBuilder partial = new StringBuilder();
    /** Whether the rest of the current fragmented message is being discarded (it is over the limit). */
    boolean discarding;

    Connection(String id, String graphId, WsSession session, int maxMessages, long maxBytes,
               Consumer<Connection> onGone) {
        this.id = id;
        this.graphId = graphId;
        this.session = session;
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
     * The graph this connection joined.
     *
     * @return the graph id
     */
    public String graphId() {
        return graphId;
    }

    /**
     * Queues a message for the client; never blocks.
     *
     * @param text the message text
     * @return {@code false} if the connection is closing or was just closed for falling behind
     */
    public boolean send(String text) {
        if (closing.get()) {
            return false;
        }
        long bytes = queuedBytes.addAndGet(text.length());
        if (queue.size() >= maxMessages || bytes > maxBytes) {
            queuedBytes.addAndGet(-text.length());
            close(WsCloseCodes.VIOLATED_POLICY, "client too slow: outbound queue over " + maxMessages
                    + " messages or " + maxBytes + " bytes; reconnect to resync");
            return false;
        }
        queue.add(text);
        return true;
    }

    /**
     * Closes the connection after the messages already queued (unless it is closed for falling
     * behind, in which case they are dropped).
     *
     * @param code   the WebSocket close code
     * @param reason the close reason, for the client
     */
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeCode = code;
        closeReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
        if (code == WsCloseCodes.VIOLATED_POLICY) {
            LOG.log(Level.WARNING, "closing connection " + id + " to graph " + graphId + ": " + reason);
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

    private void drain() {
        try {
            while (true) {
                String text = queue.take();
                if (text == POISON) {
                    if (closeCode > 0) {
                        session.close(closeCode, closeReason);
                    }
                    return;
                }
                queuedBytes.addAndGet(-text.length());
                session.send(text, true);
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
        return "Connection[" + id + " graph=" + graphId + "]";
    }
}
