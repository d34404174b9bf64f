package io.flowcraft.bench;

/**
 * A single-pass, allocation-light scanner that pulls the envelope fields the bench needs out of a
 * message's text without parsing the whole JSON document.
 *
 * <p>It tracks string literals (with escapes) and nesting depth, so it only ever reads keys of the
 * envelope object (depth 1) and of its {@code payload} object (depth 2): a {@code "version"} or
 * {@code "type"} key inside the graph is never mistaken for the envelope's. In a quick scan it stops
 * as soon as {@code type} and {@code payload.version} are both known, which for a server that writes
 * {@code type} and {@code payload.version} first costs a few dozen characters however large the
 * graph is. A full scan reads the whole text (to find {@code correlationId} and {@code error}, which
 * usually follow the payload).
 */
final class FrameScan {

    /** The envelope and payload keys the scanner reads. */
    private enum Key {
        TYPE("type"), PAYLOAD("payload"), VERSION("version"), CORRELATION_ID("correlationId"),
        ERROR("error"), CODE("code");

        private final String json;

        Key(String json) {
            this.json = json;
        }
    }

    private static final Key[] KEYS = Key.values();

    private FrameScan() {
    }

    /**
     * Scans one complete message into a frame, keeping its text when asked to, and always for
     * {@code error} messages and messages without a type (so they can be reported).
     *
     * @param message       the message text
     * @param full          whether to read the whole text
     * @param keepText      whether to keep the text in the frame
     * @param receivedNanos the receive time
     * @return the frame
     */
    static Frame frame(CharSequence message, boolean full, boolean keepText, long receivedNanos) {
        Frame frame = scan(message, full, receivedNanos);
        if (keepText || frame.isError() || frame.type() == null) {
            frame = new Frame(frame.type(), frame.version(), frame.correlationId(), frame.error(),
                    frame.code(), receivedNanos, message.toString());
        }
        return frame;
    }

    /**
     * Scans one message.
     *
     * @param s             the message text
     * @param full          whether to read the whole text; otherwise stop once type and version are known
     * @param receivedNanos the receive time to put in the frame
     * @return the fields found (absent ones are {@code null} or {@code -1}); the text is not kept
     */
    static Frame scan(CharSequence s, boolean full, long receivedNanos) {
        int n = s.length();
        int depth = 0;
        boolean expectKey = false;
        boolean inPayload = false;
        Key topKey = null;
        Key payloadKey = null;
        String type = null;
        String correlationId = null;
        String error = null;
        String code = null;
        long version = -1;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> {
                    int end = endOfString(s, i + 1);
                    boolean envelope = depth == 1;
                    if (envelope || (depth == 2 && inPayload)) {
                        if (expectKey) {
                            Key key = knownKey(s, i + 1, end);
                            if (envelope) {
                                topKey = key;
                            } else {
                                payloadKey = key;
                            }
                            expectKey = false;
                        } else if (envelope) {
                            if (topKey == Key.TYPE) {
                                type = s.subSequence(i + 1, end).toString();
                            } else if (topKey == Key.CORRELATION_ID) {
                                correlationId = s.subSequence(i + 1, end).toString();
                            } else if (topKey == Key.ERROR) {
                                error = s.subSequence(i + 1, end).toString();
                            }
                        } else if (payloadKey == Key.CODE) {
                            code = s.subSequence(i + 1, end).toString();
                        }
                    }
                    i = end;
                }
                case '{', '[' -> {
                    depth++;
                    if (depth == 1) {
                        expectKey = c == '{';
                    } else if (depth == 2) {
                        inPayload = c == '{' && topKey == Key.PAYLOAD;
                        expectKey = inPayload;
                        payloadKey = null;
                    }
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 1) {
                        inPayload = false;
                    }
                }
                case ',' -> {
                    if (depth == 1 || (depth == 2 && inPayload)) {
                        expectKey = true;
                    }
                }
                default -> {
                    if (depth == 2 && inPayload && !expectKey && payloadKey == Key.VERSION
                            && (c == '-' || (c >= '0' && c <= '9'))) {
                        int j = i;
                        long v = 0;
                        boolean negative = c == '-';
                        if (negative) {
                            j++;
                        }
                        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                            v = v * 10 + (s.charAt(j) - '0');
                            j++;
                        }
                        version = negative ? -1 : v;
                        payloadKey = null;
                        i = j - 1;
                    }
                }
            }
            if (!full && type != null && version >= 0) {
                break;
            }
        }
        return new Frame(type, version, correlationId, error, code, receivedNanos, null);
    }

    /** Index of the closing quote of the string whose first character is at {@code from}. */
    static int endOfString(CharSequence s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return n;
    }

    /** The key the scanner cares about that spans {@code [start, end)}, or {@code null}. */
    private static Key knownKey(CharSequence s, int start, int end) {
        for (Key key : KEYS) {
            if (key.json.length() == end - start && matches(s, start, key.json)) {
                return key;
            }
        }
        return null;
    }

    private static boolean matches(CharSequence s, int start, String key) {
        for (int k = 0; k < key.length(); k++) {
            if (s.charAt(start + k) != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
