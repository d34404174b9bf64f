package io.flowcraft.api.protocol;

/**
 * The codes of the protocol's {@code error} message; {@link #wire()} is the name on the wire.
 */
public enum ErrorCode {
    /** The frame is not valid JSON, or not a JSON object. */
    INVALID_JSON("invalid_json"),
    /** A field is missing or has the wrong type; {@code details.field} names it. */
    INVALID_MESSAGE("invalid_message"),
    /** The message {@code type} is not one the server knows. */
    UNKNOWN_TYPE("unknown_type"),
    /** The message is over the configured size limit. */
    MESSAGE_TOO_LARGE("message_too_large"),
    /** The graph is over the configured node or edge limit. */
    GRAPH_TOO_LARGE("graph_too_large"),
    /** The graph id in the connection URL is not {@code [A-Za-z0-9_-]{1,64}}. */
    INVALID_GRAPH_ID("invalid_graph_id"),
    /** The client sends faster than allowed; {@code details.retryAfterMs} says when to try again. */
    RATE_LIMITED("rate_limited"),
    /** The connection's role (or its token's graphs) does not allow the message; {@code details} names them. */
    UNAUTHORIZED("unauthorized"),
    /** As many runs as allowed are going (on the graph or the server); {@code details.limit} names the limit. */
    TOO_MANY_EXECUTIONS("too_many_executions"),
    /** No action with that id. */
    UNKNOWN_ACTION("unknown_action"),
    /** No node with that id in the graph. */
    UNKNOWN_NODE("unknown_node"),
    /** The action failed; the graph is unchanged. */
    ACTION_FAILED("action_failed"),
    /** The graph is invalid; {@code details.problems} lists every problem. */
    INVALID_GRAPH("invalid_graph"),
    /** The diagram cannot run; {@code details.problems} lists every problem. */
    INVALID_DIAGRAM("invalid_diagram"),
    /** No execution with that id. */
    UNKNOWN_EXECUTION("unknown_execution"),
    /** The execution has already ended: it cannot be paused, resumed, cancelled or answered. */
    EXECUTION_ENDED("execution_ended"),
    /** The node is not waiting for an answer (it never asked, or was answered or timed out). */
    NOT_WAITING("not_waiting"),
    /** The server failed while handling the message; nothing changed. */
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /**
     * The code as it appears on the wire.
     *
     * @return the snake_case code
     */
    public String wire() {
        return wire;
    }
}
