package io.flowcraft.api.spi;

/**
 * An LLM call that failed; the message is a sentence a person can act on, naming the service and
 * model and never containing a key.
 */
public final class LlmCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without secrets
     */
    public LlmCallException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, without secrets
     * @param cause   the provider's failure (its message must not contain secrets either)
     */
    public LlmCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
