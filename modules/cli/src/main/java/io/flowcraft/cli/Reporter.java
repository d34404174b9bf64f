package io.flowcraft.cli;

import io.flowcraft.api.execution.ExecutionEvent;

/**
 * Prints a run as it goes. The command calls {@link #event} and {@link #tick} from one thread, in
 * the order the engine published the events; {@link #answered} comes from the thread that reads
 * answers, so implementations synchronize.
 */
sealed interface Reporter permits JsonLines, PlainLines, LiveLine {
    /**
     * One event of the run; the terminal event comes last.
     *
     * @param event the event
     */
    void event(ExecutionEvent event);

    /** Called about ten times a second while no event arrives (a live line redraws its clock). */
    default void tick() {
    }

    /**
     * A question was answered: the person pressed Enter.
     *
     * @param nodeId the node that asked
     */
    default void answered(String nodeId) {
    }
}
