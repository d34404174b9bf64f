package io.flowcraft.engine;

/** What a control request (pause, resume, cancel, answer) did. */
public enum ControlResult {
    /** Done (or already so: pausing a paused run is fine). */
    DONE,
    /** No run has that id. */
    UNKNOWN_EXECUTION,
    /** The run has already ended. */
    ALREADY_ENDED,
    /** The node is not waiting for an answer. */
    NOT_WAITING
}
