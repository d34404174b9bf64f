package io.flowcraft.bench;

/**
 * The few fields of one received message that the bench looks at, plus its receive time.
 *
 * @param type          the envelope's {@code type}, or {@code null} when absent
 * @param version       {@code payload.version}, or {@code -1} when absent or not an integer (for
 *                      {@code patch_rejected}: the server's current version, not {@code baseVersion})
 * @param correlationId the envelope's {@code correlationId}, or {@code null}
 * @param error         the envelope's top-level {@code error} string (e.g. {@code version_mismatch}), or {@code null}
 * @param code          {@code payload.code} (set on {@code error} messages), or {@code null}
 * @param receivedNanos {@link System#nanoTime()} when the last fragment of the message arrived
 * @param text          the whole message text when the client keeps it (or for {@code error} messages), else {@code null}
 */
record Frame(String type, long version, String correlationId, String error, String code,
             long receivedNanos, String text) {

    /** The message type of a versioned graph snapshot. */
    static final String SYNC_GRAPH = "sync_graph";

    /** The message type of an accepted change sent as operations (delta sync). */
    static final String GRAPH_PATCH = "graph_patch";

    /** The message type of the answer to a {@code patch_graph} that conflicts with accepted changes. */
    static final String PATCH_REJECTED = "patch_rejected";

    /** Whether this is an accepted change sent as a {@code graph_patch} with a version. */
    boolean isPatch() {
        return GRAPH_PATCH.equals(type) && version >= 0;
    }

    /** Whether this is a {@code patch_rejected} answer (its version is the server's current one). */
    boolean isPatchRejected() {
        return PATCH_REJECTED.equals(type);
    }

    /** Whether this is an accepted-change or initial {@code sync_graph} snapshot (not a rejection). */
    boolean isSnapshot() {
        return SYNC_GRAPH.equals(type) && error == null && version >= 0;
    }

    /** Whether this is the server's {@code version_mismatch} answer to a stale {@code sync_graph}. */
    boolean isMismatch() {
        return SYNC_GRAPH.equals(type) && "version_mismatch".equals(error);
    }

    /** Whether this is an {@code error} message. */
    boolean isError() {
        return "error".equals(type);
    }

    /** The first 200 characters of a text, for messages. */
    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
