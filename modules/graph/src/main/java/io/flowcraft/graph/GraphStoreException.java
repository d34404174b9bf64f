package io.flowcraft.graph;

/**
 * The store could not do its work (the database failed); nothing was changed.
 */
public final class GraphStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   the cause
     */
    public GraphStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
