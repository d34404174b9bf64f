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

    /**
     * A {@code patch_graph} request (delta sync). It carries no {@code timestamp}: the server sets
     * timestamps, and leaving it out keeps a one-node move at about 130 bytes.
     *
     * @param baseVersion   the version the operations were made against
     * @param opsJson       the operations, already rendered as a JSON array
     * @param correlationId the request's correlation id
     * @return the envelope text
     */
    static String patchGraph(long baseVersion, String opsJson, String correlationId) {
        return new StringBuilder(opsJson.length() + 96)
                .append("{\"type\":\"patch_graph\",\"payload\":{\"baseVersion\":").append(baseVersion)
                .append(",\"ops\":").append(opsJson)
                .append("},\"correlationId\":").append(Json.createValue(correlationId)).append('}')
                .toString();
    }

    /**
     * An {@code update_node} operation that moves a node.
     *
     * @param nodeId the node's id
     * @param x      its new x
     * @param y      its new y
     * @return the operation as JSON text
     */
    static String moveNode(String nodeId, int x, int y) {
        return "{\"op\":\"update_node\",\"id\":" + Json.createValue(nodeId) + ",\"position\":{\"x\":" + x
                + ",\"y\":" + y + "}}";
    }

    /** The operations as a JSON array text. */
    static String ops(String... opsJson) {
        return "[" + String.join(",", opsJson) + "]";
    }
}
