package io.flowcraft.graph;

/**
 * Thrown when text is not valid JSON; the message says where and why.
 */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, and where
     * @param cause   the parser's exception, or {@code null}
     */
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
