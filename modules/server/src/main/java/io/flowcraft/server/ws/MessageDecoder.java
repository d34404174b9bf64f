package io.flowcraft.server.ws;

import io.flowcraft.api.Graph;
import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.graph.Fields;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.InvalidFieldsException;
import io.flowcraft.graph.Json;
import io.flowcraft.graph.JsonException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes client frames: parses the JSON, checks the envelope, and reads the payload of each known
 * message type into its {@link ClientMessage} record, naming every missing or ill-typed field.
 * Thread-safe.
 */
public final class MessageDecoder {
    /** Types this server knows. */
    static final Set<String> KNOWN_TYPES = Set.of("sync_graph");

    private final Json json;
    private final GraphCodec graphs;

    /**
     * Creates the decoder.
     *
     * @param graphs the graph codec (and its JSON codec)
     */
    public MessageDecoder(GraphCodec graphs) {
        this.json = graphs.json();
        this.graphs = graphs;
    }

    /**
     * Decodes one complete text message.
     *
     * @param text the message text
     * @return the request, or the error it gets
     */
    public Inbound decode(String text) {
        Object parsed;
        try {
            parsed = json.parse(text);
        } catch (JsonException e) {
            return new Inbound.Bad(ErrorCode.INVALID_JSON, "the message is not valid JSON: " + e.getMessage(),
                    Map.of(), Optional.empty());
        }
        Map<String, Object> envelope = Fields.asObject(parsed);
        if (envelope == null) {
            return new Inbound.Bad(ErrorCode.INVALID_JSON, "the message must be a JSON object with a \"type\", found "
                    + Fields.describe(parsed), Map.of(), Optional.empty());
        }
        Fields.Problems problems = new Fields.Problems();
        Fields env = Fields.of(envelope, "", problems);
        Optional<String> correlationId = env.optionalString("correlationId");
        String type = env.requireString("type");
        if (!problems.isEmpty()) {
            return bad(problems, correlationId);
        }
        if (!KNOWN_TYPES.contains(type)) {
            return new Inbound.Bad(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type + "'; this server knows "
                    + String.join(", ", new java.util.TreeSet<>(KNOWN_TYPES)),
                    Map.of("type", type), correlationId);
        }
        Fields payload = env.requireObject("payload");
        if (!problems.isEmpty()) {
            return bad(problems, correlationId);
        }
        ClientMessage message = switch (type) {
            case "sync_graph" -> syncGraph(payload, problems);
            default -> throw new IllegalStateException("type listed as known but not decoded: " + type);
        };
        if (!problems.isEmpty()) {
            return bad(problems, correlationId);
        }
        return new Inbound.Request(message, correlationId);
    }

    private ClientMessage syncGraph(Fields payload, Fields.Problems problems) {
        long version = payload.requireLong("version", 0);
        Fields graph = payload.requireObject("graph");
        Graph g = graphs.decode(graph, problems);
        return new ClientMessage.SyncGraph(version, g);
    }

    private static Inbound bad(Fields.Problems problems, Optional<String> correlationId) {
        InvalidFieldsException e = new InvalidFieldsException(problems.list());
        return new Inbound.Bad(ErrorCode.INVALID_MESSAGE, e.getMessage(), Frames.fieldDetails(e.problems()),
                correlationId);
    }
}
