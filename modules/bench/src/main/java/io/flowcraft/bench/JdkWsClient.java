package io.flowcraft.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link WsClient} over the JDK client ({@link java.net.http.WebSocket}), selected with
 * {@code --client jdk}.
 *
 * <p>Caution: on JDK 25.0.3 this client intermittently fails a connection with
 * {@code ProtocolException} ("Invalid UTF-8 in frame TEXT", "Unexpected rsv1 bit") when the server
 * sends a large frame immediately after the {@code 101} handshake response, as a Flowcraft server
 * does with its initial {@code sync_graph}; the bytes on the wire are well-formed (checked with a
 * recording proxy, and delaying the first frame by 30 ms makes the failures disappear). That is why
 * {@link SocketWsClient} is the default.
 *
 * <p>Text messages may arrive in several parts ({@code onText} with {@code last=false}); they are
 * reassembled, stamped with {@link System#nanoTime()} when the last part arrives, scanned with
 * {@link FrameScan} and handed to the handler as a {@link Frame}. The handler runs on the client's
 * delivery thread, one message at a time, so it must be quick. Sends are serialized (the JDK allows
 * one outstanding send) and optionally split into fragments of a given number of characters.
 * Created by {@link WsClients#connect}.
 */
final class JdkWsClient implements WsClient {

    private final String name;
    private final int fragmentChars;
    private final Receiver receiver;
    private final Object sendLock = new Object();
    private WebSocket webSocket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    JdkWsClient(String name, int fragmentChars, boolean fullScan, boolean keepText, Consumer<Frame> handler) {
        this.name = name;
        this.fragmentChars = fragmentChars;
        this.receiver = new Receiver(fullScan, keepText, handler);
    }

    /** The JDK listener to pass to {@code buildAsync}. */
    WebSocket.Listener listener() {
        return receiver;
    }

    /** Called once the handshake has completed. */
    void attach(WebSocket ws) {
        synchronized (sendLock) {
            this.webSocket = ws;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long received() {
        return receiver.received.get();
    }

    @Override
    public boolean isOpen() {
        return !receiver.closed.isDone();
    }

    @Override
    public String state() {
        return receiver.closed.getNow("open");
    }

    @Override
    public CompletableFuture<?> send(String text) {
        synchronized (sendLock) {
            WebSocket ws = webSocket;
            CompletableFuture<?> next = lastSend.handle((ignored, error) -> null)
                    .thenCompose(ignored -> sendParts(ws, text));
            lastSend = next;
            return next;
        }
    }

    private CompletableFuture<WebSocket> sendParts(WebSocket ws, String text) {
        int length = text.length();
        if (fragmentChars <= 0 || length <= fragmentChars) {
            return ws.sendText(text, true);
        }
        CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(ws);
        for (int start = 0; start < length; ) {
            int end = Math.min(length, start + fragmentChars);
            if (end < length && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            CharSequence part = text.subSequence(start, end);
            boolean last = end == length;
            chain = chain.thenCompose(w -> w.sendText(part, last));
            start = end;
        }
        return chain;
    }

    /** Closes the connection politely, waiting at most two seconds before aborting it. */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (sendLock) {
            ws = webSocket;
        }
        if (ws == null) {
            return;
        }
        try {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").get(2, TimeUnit.SECONDS);
            }
            receiver.closed.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // fall through to abort
        } finally {
            ws.abort();
        }
    }

    @Override
    public void abort() {
        WebSocket ws;
        synchronized (sendLock) {
            ws = webSocket;
        }
        receiver.closed.complete("aborted by the bench");
        if (ws != null) {
            ws.abort();
        }
    }

    /** Reassembles and dispatches incoming messages. */
    private static final class Receiver implements WebSocket.Listener {
        private final boolean fullScan;
        private final boolean keepText;
        private final Consumer<Frame> handler;
        private final AtomicLong received = new AtomicLong();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private StringBuilder pending = new StringBuilder();

        Receiver(boolean fullScan, boolean keepText, Consumer<Frame> handler) {
            this.fullScan = fullScan;
            this.keepText = keepText;
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last) {
                pending.append(data);
                ws.request(1);
                return null;
            }
            long now = System.nanoTime();
            CharSequence message = pending.isEmpty() ? data : pending.append(data);
            Frame frame = FrameScan.frame(message, fullScan, keepText, now);
            if (pending.capacity() > (8 << 20)) {
                pending = new StringBuilder();
            } else {
                pending.setLength(0);
            }
            received.incrementAndGet();
            try {
                handler.accept(frame);
            } finally {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete("closed " + statusCode + " \"" + reason + "\"");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            Throwable cause = error.getCause();
            closed.complete("failed: " + error + (cause == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }
}
