package io.flowcraft.bench;

import jakarta.json.Json;
import java.time.Instant;

/**
 * Builds the messages the bench sends. Graph JSON is spliced in as already-rendered text (see
 * {@link GraphTemplate}); everything else goes through JSON-P so strings are always escaped.
 */
final class Frames {

    private Frames() {
    }

    /**
     * A {@code sync_graph} request.
     *
     * @param version       the version the client holds
     * @param graphJson     the graph, already rendered as JSON
     * @param correlationId the request's correlation id
     * @return the envelope text
     */
    static String syncGraph(long version, String graphJson, String correlationId) {
        return new StringBuilder(graphJson.length() + 160)
                .append("{\"type\":\"sync_graph\",\"payload\":{\"version\":").append(version)
                .append(",\"graph\":").append(graphJson)
                .append("},\"correlationId\":").append(Json.createValue(correlationId))
                .append(",\"timestamp\":\"").append(Instant.now()).append("\"}")
                .toString();
    }
}
