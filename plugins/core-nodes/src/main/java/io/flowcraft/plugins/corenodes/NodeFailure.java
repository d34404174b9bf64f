package io.flowcraft.plugins.corenodes;

/**
 * A node failed for a reason its user can act on; the message is shown as the node's error.
 * Unchecked, and never wraps a stack trace the user would have to read.
 */
public final class NodeFailure extends RuntimeException {
    /**
     * A failure with a message for the user.
     *
     * @param message what went wrong and, where possible, what to do
     */
    public NodeFailure(String message) {
        super(message);
    }

    /**
     * A failure with a message for the user and the underlying cause, for logs.
     *
     * @param message what went wrong
     * @param cause   the underlying exception
     */
    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
