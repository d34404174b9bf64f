package io.flowcraft.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Opens {@link WsClient}s with the chosen transport: {@link SocketWsClient} (default), or
 * {@link JdkWsClient}, whose connections are spread round-robin over a few JDK {@link HttpClient}s
 * because each of them moves all its connections' bytes through a single selector thread.
 */
final class WsClients implements AutoCloseable {

    /** The transports. */
    enum Transport {
        /** {@link SocketWsClient}. */
        SOCKET,
        /** {@link JdkWsClient}. */
        JDK
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int HTTP_CLIENTS = 4;

    private final Transport transport;
    private final List<HttpClient> httpClients = new ArrayList<>();
    private final ExecutorService connectors = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger next = new AtomicInteger();
    private final String token;
    private final int fragmentBytes;

    /**
     * @param transport     how to connect
     * @param token         a bearer token to send, or {@code null}
     * @param fragmentBytes split outgoing messages into fragments of about this many bytes (0: never)
     */
    WsClients(Transport transport, String token, int fragmentBytes) {
        this.transport = transport;
        this.token = token;
        this.fragmentBytes = fragmentBytes;
        if (transport == Transport.JDK) {
            for (int i = 0; i < HTTP_CLIENTS; i++) {
                httpClients.add(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
            }
        }
    }

    /**
     * Connects one client.
     *
     * @param uri      the WebSocket URI, graph included
     * @param name     a name for messages
     * @param fullScan whether frames are scanned whole (needed for {@code correlationId} and {@code error})
     * @param handler  receives every complete message, on the client's reading thread
     * @return completes with the open client, or exceptionally when the handshake fails
     */
    CompletableFuture<WsClient> connect(URI uri, String name, boolean fullScan, Consumer<Frame> handler) {
        return connect(uri, name, fullScan, false, handler);
    }

    /**
     * Connects one client that keeps each message's text in its frame ({@link Frame#text()}) when
     * {@code keepText} is set.
     *
     * @param uri      the WebSocket URI, graph included
     * @param name     a name for messages
     * @param fullScan whether frames are scanned whole
     * @param keepText whether every frame carries its text
     * @param handler  receives every complete message, on the client's reading thread
     * @return completes with the open client, or exceptionally when the handshake fails
     */
    CompletableFuture<WsClient> connect(URI uri, String name, boolean fullScan, boolean keepText,
                                        Consumer<Frame> handler) {
        if (transport == Transport.SOCKET) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return SocketWsClient.connect(uri, name, token, fragmentBytes, CONNECT_TIMEOUT, fullScan, keepText,
                            handler);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, connectors);
        }
        JdkWsClient client = new JdkWsClient(name, fragmentBytes, fullScan, keepText, handler);
        HttpClient http = httpClients.get(Math.floorMod(next.getAndIncrement(), httpClients.size()));
        var builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(uri, client.listener()).thenApply(ws -> {
            client.attach(ws);
            return client;
        });
    }

    @Override
    public void close() {
        httpClients.forEach(HttpClient::shutdownNow);
        connectors.shutdownNow();
    }
}
