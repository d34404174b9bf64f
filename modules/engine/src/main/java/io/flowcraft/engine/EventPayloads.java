package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of each execution event as the WebSocket protocol shapes it (camelCase fields,
 * {@code executionId}, {@code graphId}, {@code nodeId} for node events); the server sends it and
 * the command-line runner prints it with {@code --json}.
 */
public final class EventPayloads {
    private EventPayloads() {
    }

    /**
     * The payload of an event, as the protocol shapes it.
     *
     * @param event the event
     * @return a JSON object
     */
    public static Map<String, Object> of(ExecutionEvent event) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("executionId", event.executionId());
        p.put("graphId", event.graphId());
        if (event instanceof ExecutionEvent.NodeEvent n) {
            p.put("nodeId", n.nodeId());
        }
        switch (event) {
            case ExecutionEvent.ExecutionStarted e ->
                    p.put("version", e.version().isPresent() ? e.version().getAsLong() : null);
            case ExecutionEvent.NodeStarted e -> p.put("iteration", e.iteration());
            case ExecutionEvent.NodeProgress e -> p.put("text", e.text());
            case ExecutionEvent.NodeCompleted e -> {
                p.put("iteration", e.iteration());
                p.put("output", e.output());
                p.put("durationMs", e.durationMs());
                e.tokens().ifPresent(t -> p.put("tokens", ExecutionRecord.tokensJson(t)));
            }
            case ExecutionEvent.NodeSkipped e -> p.put("reason", e.reason());
            case ExecutionEvent.NodeFailed e -> p.put("error", e.error());
            case ExecutionEvent.InteractivePrompt e -> {
                p.put("prompt", e.prompt());
                p.put("timeoutSeconds", e.timeoutSeconds());
            }
            case ExecutionEvent.ExecutionPaused e -> {
            }
            case ExecutionEvent.ExecutionResumed e -> {
            }
            case ExecutionEvent.ExecutionCompleted e -> {
                p.put("outputs", e.outputs());
                p.put("durationMs", e.durationMs());
                p.put("tokens", ExecutionRecord.tokensJson(e.tokens()));
            }
            case ExecutionEvent.ExecutionFailed e -> {
                p.put("error", e.error());
                e.nodeId().ifPresent(id -> p.put("nodeId", id));
                p.put("durationMs", e.durationMs());
            }
            case ExecutionEvent.ExecutionCancelled e -> {
                p.put("reason", e.reason());
                p.put("durationMs", e.durationMs());
            }
        }
        return p;
    }
}
