package io.flowcraft.cli;

import io.flowcraft.api.execution.ExecutionEvent;

import java.io.PrintStream;

/**
 * Output that is not a terminal: one line per event, starting with the event type
 * ({@code node_started Code Job}, {@code node_completed Code Job 12 ms}), then the summary.
 */
final class PlainLines implements Reporter {
    private final PrintStream out;
    private final Labels labels;

    PlainLines(PrintStream out, Labels labels) {
        this.out = out;
        this.labels = labels;
    }

    @Override
    public synchronized void event(ExecutionEvent event) {
        String line = switch (event) {
            case ExecutionEvent.ExecutionStarted e -> "execution_started " + e.executionId();
            case ExecutionEvent.NodeStarted e -> "node_started " + labels.of(e.nodeId()) + iteration(e.iteration());
            case ExecutionEvent.NodeProgress e -> null;
            case ExecutionEvent.NodeCompleted e -> "node_completed " + labels.of(e.nodeId()) + " "
                    + Labels.duration(e.durationMs()) + iteration(e.iteration());
            case ExecutionEvent.NodeSkipped e -> "node_skipped " + labels.of(e.nodeId()) + ": " + labels.value(e.reason(), "    ");
            case ExecutionEvent.NodeFailed e -> "node_failed " + labels.of(e.nodeId()) + ": " + labels.value(e.error(), "    ");
            case ExecutionEvent.InteractivePrompt e -> "interactive_prompt " + labels.of(e.nodeId()) + " (answer within "
                    + e.timeoutSeconds() + " s): " + labels.value(e.prompt(), "  ");
            case ExecutionEvent.ExecutionPaused e -> "execution_paused";
            case ExecutionEvent.ExecutionResumed e -> "execution_resumed";
            case ExecutionEvent.Terminal t -> String.join("\n", labels.summary(t));
        };
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    private static String iteration(int iteration) {
        return iteration > 0 ? " (run " + (iteration + 1) + ")" : "";
    }
}
