package io.flowcraft.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket connection as the scenarios see it. Complete incoming text messages are handed,
 * one at a time and stamped with their receive time, to the handler given at connect time
 * ({@link WsClients#connect}). Implementations: {@link SocketWsClient} (default) and
 * {@link JdkWsClient} ({@code --client jdk}).
 */
interface WsClient extends AutoCloseable {

    /** The name given at connect time (for messages). */
    String name();

    /**
     * Sends one text message after the previous one.
     *
     * @param text the message
     * @return completes when the whole message has been handed to the network
     */
    CompletableFuture<?> send(String text);

    /** Number of complete messages received. */
    long received();

    /** Whether the connection is still open (no close or error seen). */
    boolean isOpen();

    /** How the connection ended, e.g. {@code closed 1008 "too large"}, or {@code open}. */
    String state();

    /** Closes the connection politely, aborting it when that takes more than a few seconds. */
    @Override
    void close();

    /** Drops the connection at once, without a close handshake, as a lost network would (by default: closes it). */
    default void abort() {
        close();
    }
}
