package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real WebSocket client (the JDK's) that collects the server's messages, parsed, in order.
 */
final class WsClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Json JSON = Json.create();

    private final LinkedBlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket ws;
    private final StringBuilder partial = new StringBuilder();
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();

    private WsClient(HttpClient http, URI uri, boolean reading, Map<String, String> headers) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(b::header);
        this.ws = b.buildAsync(uri, new Listener(reading)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    static WsClient connect(int port, String query) {
        return new WsClient(HttpClient.newHttpClient(), uri(port, query), true, Map.of());
    }

    static WsClient connect(int port, String query, Map<String, String> headers) {
        return new WsClient(HttpClient.newHttpClient(), uri(port, query), true, headers);
    }

    /** A client that never reads after connecting: the server's sends to it back up. */
    static WsClient nonReading(int port, String query) {
        return new WsClient(HttpClient.newHttpClient(), uri(port, query), false, Map.of());
    }

    static URI uri(int port, String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws" + (query.isEmpty() ? "" : "?" + query));
    }

    void send(String text) {
        ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] bytes) {
        ws.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendFragments(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            ws.sendText(parts.get(i), i == parts.size() - 1).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    void sendSync(long version, String graphJson, String correlationId) {
        send("{\"type\":\"sync_graph\",\"correlationId\":\"" + correlationId + "\",\"payload\":{\"version\":"
                + version + ",\"graph\":" + graphJson + "}}");
    }

    /** The next message, failing the test if none arrives in time. */
    Map<String, Object> next() {
        try {
            Map<String, Object> m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(m, "no message from the server within " + WAIT);
            assertEquals(List.of(), violations, "every server message matches its JSON Schema (docs/schemas)");
            return m;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next message, which must have the given type. */
    Map<String, Object> next(String type) {
        Map<String, Object> m = next();
        assertEquals(type, m.get("type"), () -> "unexpected message " + m);
        return m;
    }

    /** The next message, which must be an error with the given code; returns its payload. */
    Map<String, Object> nextError(String code) {
        Map<String, Object> m = next("error");
        Map<String, Object> payload = payload(m);
        assertEquals(code, payload.get("code"), () -> "unexpected error " + m);
        return payload;
    }

    /** Asserts that nothing arrives for a while. */
    void expectNothing(Duration d) {
        try {
            Map<String, Object> m = messages.poll(d.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(m, () -> "unexpected message " + m);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The close reason ("code reason") once the server closed the connection. */
    String awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return fail("the server did not close the connection: " + e);
        }
    }

    /** Starts reading (for a client created with {@link #nonReading}). */
    void startReading() {
        ws.request(Long.MAX_VALUE);
    }

    static Map<String, Object> payload(Map<String, Object> message) {
        return Fields.asObject(message.get("payload"));
    }

    static long version(Map<String, Object> message) {
        return (Long) payload(message).get("version");
    }

    @SuppressWarnings("unchecked")
    static List<Object> nodes(Map<String, Object> message) {
        return (List<Object>) Fields.asObject(payload(message).get("graph")).get("nodes");
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final boolean reading;

        Listener(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                Map<String, Object> m = Fields.asObject(JSON.parse(text));
                List<String> bad = ProtocolSchemas.violations("server", String.valueOf(m.get("type")), text);
                if (!bad.isEmpty()) {
                    violations.add(m.get("type") + ": " + bad);
                }
                messages.add(m);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
