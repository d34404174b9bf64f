package io.flowcraft.cli;

import io.flowcraft.api.execution.ExecutionEvent;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Output to a terminal: one line rewritten in place ({@code [3/7] running: Code Job  (1.2 s)}),
 * a permanent line per completed, failed or skipped node and per question, and the summary.
 * While a question waits for its answer the live line stays away from the person's typing.
 */
final class LiveLine implements Reporter {
    private static final String CLEAR = "\r\033[K";
    private final PrintStream out;
    private final Labels labels;
    private final int columns;
    private final String ok;
    private final String failed;
    private final Map<String, Long> running = new LinkedHashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> asking = new HashSet<>();
    private boolean drawn;

    LiveLine(PrintStream out, Labels labels, int columns) {
        this.out = out;
        this.labels = labels;
        this.columns = columns;
        boolean unicode = out.charset().equals(StandardCharsets.UTF_8);
        this.ok = unicode ? "✓" : "ok";
        this.failed = unicode ? "✗" : "FAILED";
    }

    @Override
    public synchronized void event(ExecutionEvent event) {
        switch (event) {
            case ExecutionEvent.NodeStarted e -> running.put(e.nodeId(), System.nanoTime());
            case ExecutionEvent.NodeCompleted e -> finished(e.nodeId(), ok + " " + labels.of(e.nodeId()) + "  "
                    + Labels.duration(e.durationMs()) + (e.iteration() > 0 ? "  (run " + (e.iteration() + 1) + ")" : ""));
            case ExecutionEvent.NodeFailed e -> finished(e.nodeId(), failed + " " + labels.of(e.nodeId()) + ": "
                    + labels.value(e.error(), "    "));
            case ExecutionEvent.NodeSkipped e -> finished(e.nodeId(), "- " + labels.of(e.nodeId()) + " skipped: " + e.reason());
            case ExecutionEvent.InteractivePrompt e -> {
                print("? " + labels.of(e.nodeId()) + ": " + labels.value(e.prompt(), "  ")
                        + "  (answer within " + e.timeoutSeconds() + " s)");
                out.print("> ");
                out.flush();
                asking.add(e.nodeId());
                return;
            }
            case ExecutionEvent.ExecutionPaused e -> print("paused");
            case ExecutionEvent.ExecutionResumed e -> print("resumed");
            case ExecutionEvent.Terminal t -> {
                running.clear();
                labels.summary(t).forEach(this::print);
                return;
            }
            case ExecutionEvent.ExecutionStarted e -> {
            }
            case ExecutionEvent.NodeProgress e -> {
            }
        }
        draw();
    }

    @Override
    public synchronized void tick() {
        draw();
    }

    @Override
    public synchronized void answered(String nodeId) {
        asking.remove(nodeId);
        drawn = false;
        draw();
    }

    private void finished(String nodeId, String line) {
        running.remove(nodeId);
        asking.remove(nodeId);
        done.add(nodeId);
        print(line);
    }

    /** Prints a permanent line in place of the live one. */
    private void print(String line) {
        if (drawn) {
            out.print(CLEAR);
            drawn = false;
        }
        out.println(line);
        out.flush();
    }

    private void draw() {
        if (!asking.isEmpty() || running.isEmpty()) {
            return;
        }
        long oldest = running.values().stream().mapToLong(Long::longValue).min().orElse(System.nanoTime());
        long ms = (System.nanoTime() - oldest) / 1_000_000;
        String names = String.join(", ", running.keySet().stream().map(labels::of).toList());
        String line = "[" + done.size() + "/" + labels.nodes() + "] running: " + names + "  ("
                + String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) + ")";
        if (line.length() >= columns) {
            line = line.substring(0, columns - 2) + "…";
        }
        out.print(CLEAR + line);
        out.flush();
        drawn = true;
    }
}
