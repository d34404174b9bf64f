package io.flowcraft.bench;

import java.util.Set;

/**
 * The fields of an execution message the engine scenarios look at, pulled out of its text by a
 * single pass that only reads keys of the envelope and of its {@code payload} (so an
 * {@code output} value holding a {@code nodeId} key is never mistaken for the event's).
 *
 * @param type          the envelope's {@code type}, or {@code null}
 * @param correlationId the envelope's {@code correlationId}, or {@code null}
 * @param executionId   {@code payload.executionId}, or {@code null}
 * @param nodeId        {@code payload.nodeId}, or {@code null}
 * @param durationMs    {@code payload.durationMs}, or {@code -1}
 * @param text          {@code payload.text} (the streamed text of a {@code node_progress}) with its JSON escapes, or {@code null}
 * @param receivedNanos when the message arrived
 */
record ExecEvent(String type, String correlationId, String executionId, String nodeId, long durationMs,
                 String text, long receivedNanos) {

    /** The terminal event types: exactly one of them ends every execution. */
    static final Set<String> TERMINAL = Set.of("execution_completed", "execution_failed", "execution_cancelled");

    /** Whether this ends its execution. */
    boolean terminal() {
        return TERMINAL.contains(type);
    }

    /** Whether this is an event of one execution ({@code execution_*} or {@code node_*} with an execution id). */
    boolean ofExecution() {
        return executionId != null && type != null && (type.startsWith("execution_") || type.startsWith("node_"));
    }

    /**
     * Scans one message.
     *
     * @param s             the message text
     * @param receivedNanos when it arrived
     * @return the fields found
     */
    static ExecEvent parse(CharSequence s, long receivedNanos) {
        String type = null;
        String correlationId = null;
        String executionId = null;
        String nodeId = null;
        String text = null;
        long durationMs = -1;
        int depth = 0;
        boolean expectKey = false;
        boolean inPayload = false;
        String key = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> {
                    int end = FrameScan.endOfString(s, i + 1);
                    boolean tracked = depth == 1 || depth == 2 && inPayload;
                    if (tracked && expectKey) {
                        key = s.subSequence(i + 1, end).toString();
                        expectKey = false;
                    } else if (tracked && key != null) {
                        String value = s.subSequence(i + 1, end).toString();
                        if (depth == 1) {
                            if (key.equals("type")) {
                                type = value;
                            } else if (key.equals("correlationId")) {
                                correlationId = value;
                            }
                        } else if (key.equals("executionId")) {
                            executionId = value;
                        } else if (key.equals("nodeId")) {
                            nodeId = value;
                        } else if (key.equals("text")) {
                            text = value;
                        }
                        key = null;
                    }
                    i = end;
                }
                case '{', '[' -> {
                    depth++;
                    if (depth == 1) {
                        expectKey = c == '{';
                    } else if (depth == 2) {
                        inPayload = c == '{' && "payload".equals(key);
                        expectKey = inPayload;
                    }
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 1) {
                        inPayload = false;
                        key = null;
                    }
                }
                case ',' -> {
                    if (depth == 1 || depth == 2 && inPayload) {
                        expectKey = true;
                        key = null;
                    }
                }
                default -> {
                    if (depth == 2 && inPayload && !expectKey && "durationMs".equals(key) && c >= '0' && c <= '9') {
                        long v = 0;
                        int j = i;
                        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                            v = v * 10 + (s.charAt(j) - '0');
                            j++;
                        }
                        durationMs = v;
                        key = null;
                        i = j - 1;
                    }
                }
            }
        }
        return new ExecEvent(type, correlationId, executionId, nodeId, durationMs, text, receivedNanos);
    }
}
