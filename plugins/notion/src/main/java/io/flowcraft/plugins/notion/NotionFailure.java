package io.flowcraft.plugins.notion;

/**
 * A notion node failed for a reason its user can act on; the message is shown as the node's error.
 * Messages name the operation and Notion's {@code code}/{@code message}, never the integration token.
 */
public final class NotionFailure extends RuntimeException {
    /**
     * A failure with a message for the user.
     *
     * @param message what went wrong and, where possible, what to do
     */
    public NotionFailure(String message) {
        super(message);
    }

    /**
     * A failure with a message for the user and the underlying cause, for logs.
     *
     * @param message what went wrong
     * @param cause   the underlying exception
     */
    public NotionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
