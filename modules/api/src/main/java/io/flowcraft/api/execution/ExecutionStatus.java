package io.flowcraft.api.execution;

/** Where a run is. */
public enum ExecutionStatus {
    /** Nodes are running or ready. */
    RUNNING,
    /** No node starts until resumed; running ones finish. */
    PAUSED,
    /** Ended with every reachable node done. */
    COMPLETED,
    /** Ended because a node or the engine failed. */
    FAILED,
    /** Ended on request (or on timeout). */
    CANCELLED;

    /**
     * Whether the run is over.
     *
     * @return {@code true} for completed, failed and cancelled
     */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * The lower-case name used on the wire and in HTTP responses.
     *
     * @return the wire name
     */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
