package io.flowcraft.api.execution;

/** Where one node of a run is. */
public enum NodeStatus {
    /** Not started yet. */
    PENDING,
    /** Running now (or waiting for a person's answer). */
    RUNNING,
    /** Ran; may run again in a loop. */
    COMPLETED,
    /** Will not run: branch not taken, inputs skipped, or its iteration bound reached. */
    SKIPPED,
    /** Failed for good. */
    FAILED;

    /**
     * The lower-case name used on the wire and in HTTP responses.
     *
     * @return the wire name
     */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
