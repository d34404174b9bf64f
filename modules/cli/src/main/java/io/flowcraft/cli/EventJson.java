package io.flowcraft.cli;

import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.engine.EventPayloads;
import io.flowcraft.graph.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An execution event as the WebSocket protocol sends it:
 * {@code {"type", "payload": {"executionId", "graphId", "nodeId"?, …}, "timestamp"}}.
 */
final class EventJson {
    private EventJson() {
    }

    /**
     * The event as one line of JSON text.
     *
     * @param event the event
     * @param json  the JSON codec
     * @return compact JSON, without a line break
     */
    static String line(ExecutionEvent event, Json json) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", event.type());
        message.put("payload", EventPayloads.of(event));
        message.put("timestamp", Instant.now().toString());
        return json.write(message);
    }
}
