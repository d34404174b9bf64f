package io.flowcraft.server.ws;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

import java.nio.charset.StandardCharsets;

/**
 * One outgoing text message, shared by every client it goes to: a large one is encoded to UTF-8
 * once, not once per client (Helidon encodes a {@code String} on every send). Thread-safe.
 */
final class OutFrame {
    /** Below this many characters, encoding per send costs less than the extra frame. */
    private static final int SHARED_ENCODING_FROM = 16 * 1024;

    private final String text;
    private volatile byte[] utf8;

    OutFrame(String text) {
        this.text = text;
    }

    /**
     * The size counted against a client's queue.
     *
     * @return the length in characters
     */
    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    /**
     * Sends the message to one client. A large message goes as an empty text frame followed by a
     * continuation frame holding the shared UTF-8 bytes: one text message for the client.
     *
     * @param session the client's session
     */
    void sendTo(WsSession session) {
        if (text.length() < SHARED_ENCODING_FROM) {
            session.send(text, true);
            return;
        }
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        session.send("", false);
        session.send(BufferData.create(bytes), true);
    }
}
