package io.flowcraft.llm.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body as the WHATWG HTML standard describes: lines end with CRLF,
 * LF or CR; a line starting with {@code :} is a comment; {@code event:} names the event; several
 * {@code data:} lines are joined with {@code \n}; a blank line dispatches the event; one leading
 * space after the colon is dropped; {@code id:} and {@code retry:} are ignored. An event with no
 * data is not dispatched. Stateless: safe to share.
 */
public final class SseReader {
    /** Receives events, one at a time. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Handles one event.
         *
         * @param event the event
         * @return {@code true} to read on, {@code false} to stop reading
         * @throws IOException if the event cannot be handled
         */
        boolean onEvent(SseEvent event) throws IOException;
    }

    private SseReader() {
    }

    /**
     * Reads events until the stream ends or the listener says stop. Checks the thread's interrupt
     * status between lines.
     *
     * @param in       the body (not closed here)
     * @param listener receives each event
     * @throws IOException            if reading fails
     * @throws InterruptedIOException if the thread was interrupted
     */
    public static void read(InputStream in, Listener listener) throws IOException {
        PushbackInputStream source = new PushbackInputStream(new java.io.BufferedInputStream(in), 1);
        String eventName = "";
        StringBuilder data = null;
        String line;
        while ((line = readLine(source)) != null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while reading events");
            }
            if (line.isEmpty()) {
                if (data != null && !listener.onEvent(new SseEvent(eventName.isEmpty() ? "message" : eventName,
                        data.toString()))) {
                    return;
                }
                eventName = "";
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> eventName = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // id, retry and unknown fields
            }
        }
        if (data != null) {
            listener.onEvent(new SseEvent(eventName.isEmpty() ? "message" : eventName, data.toString()));
        }
    }

    private static String readLine(PushbackInputStream in) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                int next = in.read();
                if (next != '\n' && next != -1) {
                    in.unread(next);
                }
                return bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }
}
