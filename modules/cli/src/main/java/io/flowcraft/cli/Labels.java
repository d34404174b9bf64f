package io.flowcraft.cli;

import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.graph.Json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How people see a run's nodes and values: nodes by label ({@code data.label}, else the id),
 * durations in ms or s, values as text (strings as they are, other values as JSON).
 */
final class Labels {
    private static final int MAX_VALUE_CHARS = 20_000;
    private final Map<String, String> byId = new HashMap<>();
    private final int nodes;
    private final Json json;

    Labels(Graph graph, Json json) {
        for (Node n : graph.nodes()) {
            byId.put(n.id(), n.data().get("label") instanceof String s && !s.isBlank() ? s : n.id());
        }
        this.nodes = graph.nodes().size();
        this.json = json;
    }

    /** How many nodes the diagram has. */
    int nodes() {
        return nodes;
    }

    String of(String nodeId) {
        return byId.getOrDefault(nodeId, nodeId);
    }

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return ms / 60_000 + " m " + (ms % 60_000) / 1000 + " s";
    }

    /** A value as text; continuation lines of a multi-line value start with {@code indent}. */
    String value(Object value, String indent) {
        String text = value instanceof String s ? s : json.write(value);
        if (text.length() > MAX_VALUE_CHARS) {
            text = text.substring(0, MAX_VALUE_CHARS) + "… (" + text.length() + " characters in all)";
        }
        return text.strip().replace("\n", "\n" + indent);
    }

    /**
     * The closing lines of a run: how it ended and, when it completed, its outputs.
     *
     * @param terminal the terminal event
     * @return the lines, in the plain {@code execution_completed …} style
     */
    List<String> summary(ExecutionEvent.Terminal terminal) {
        return switch (terminal) {
            case ExecutionEvent.ExecutionCompleted c -> {
                List<String> lines = new java.util.ArrayList<>();
                lines.add("execution_completed " + duration(c.durationMs())
                        + (c.tokens().input() + c.tokens().output() > 0
                        ? " (" + c.tokens().input() + " tokens in, " + c.tokens().output() + " out)" : ""));
                c.outputs().forEach((id, v) -> lines.add("output " + of(id) + ": " + value(v, "    ")));
                yield lines;
            }
            case ExecutionEvent.ExecutionFailed f -> List.of("execution_failed after " + duration(f.durationMs())
                    + f.nodeId().map(id -> " at " + of(id)).orElse("") + ": " + value(f.error(), "    "));
            case ExecutionEvent.ExecutionCancelled c ->
                    List.of("execution_cancelled after " + duration(c.durationMs()) + ": " + c.reason());
        };
    }

    /** The exit status for a terminal event: 0 completed, 1 failed, cancelled or timed out. */
    static int exitCode(ExecutionEvent.Terminal terminal) {
        return terminal instanceof ExecutionEvent.ExecutionCompleted ? 0 : 1;
    }
}
