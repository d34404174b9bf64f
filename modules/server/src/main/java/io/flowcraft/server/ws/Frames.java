package io.flowcraft.server.ws;

import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.graph.FieldProblem;
import io.flowcraft.graph.Json;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the text of server → client messages. Every message gets the envelope
 * {@code {"type", "payload", "correlationId"?, "timestamp"}}. Thread-safe.
 */
public final class Frames {
    private final Json json;
    private final java.util.function.Consumer<ErrorCode> onError;

    /**
     * Creates the builder.
     *
     * @param json the shared JSON codec
     */
    public Frames(Json json) {
        this(json, code -> { });
    }

    /**
     * Creates the builder, telling {@code onError} about every error message it builds (metrics:
     * each refusal, whatever refused it, is counted by its code).
     *
     * @param json    the shared JSON codec
     * @param onError told the code of each error message; must be quick and must not throw
     */
    public Frames(Json json, java.util.function.Consumer<ErrorCode> onError) {
        this.json = json;
        this.onError = onError;
    }

    /**
     * A {@code sync_graph} message around an already encoded graph.
     *
     * @param version       the version
     * @param graphJson     the graph as JSON text
     * @param correlationId the request it answers, if any
     * @param error         {@code version_mismatch} for a refused sync, else empty
     * @return the message text
     */
    public String syncGraph(long version, String graphJson, Optional<String> correlationId,
                            Optional<String> error) {
        StringBuilder sb = new StringBuilder(graphJson.length() + 160);
        sb.append("{\"type\":\"sync_graph\",\"payload\":{\"version\":").append(version)
                .append(",\"graph\":").append(graphJson).append('}');
        error.ifPresent(e -> sb.append(",\"error\":").append(quote(e)));
        correlationId.ifPresent(c -> sb.append(",\"correlationId\":").append(quote(c)));
        sb.append(",\"timestamp\":\"").append(Instant.now()).append("\"}");
        return sb.toString();
    }

    /**
     * A {@code graph_patch} message: the operations that made a version.
     *
     * @param version       the new version
     * @param opsJson       the operations as a JSON array text
     * @param author        who made the change
     * @param correlationId the request it answers, if any
     * @return the message text
     */
    public String graphPatch(long version, String opsJson, String author, Optional<String> correlationId) {
        StringBuilder sb = new StringBuilder(opsJson.length() + 160);
        sb.append("{\"type\":\"graph_patch\",\"payload\":{\"version\":").append(version)
                .append(",\"ops\":").append(opsJson).append(",\"author\":").append(quote(author)).append('}');
        correlationId.ifPresent(c -> sb.append(",\"correlationId\":").append(quote(c)));
        sb.append(",\"timestamp\":\"").append(Instant.now()).append("\"}");
        return sb.toString();
    }

    /**
     * A {@code patch_rejected} message.
     *
     * @param baseVersion   the patch's base
     * @param version       the current version
     * @param conflicts     {@code [{id, field}]}
     * @param opsJson       the operations accepted since the base, as a JSON array text
     * @param resync        whether the client must reload the graph (history too short to rebase)
     * @param correlationId the request it answers
     * @return the message text
     */
    public String patchRejected(long baseVersion, long version, List<Map<String, String>> conflicts, String opsJson,
                                boolean resync, Optional<String> correlationId) {
        StringBuilder sb = new StringBuilder(opsJson.length() + 200);
        sb.append("{\"type\":\"patch_rejected\",\"payload\":{\"baseVersion\":").append(baseVersion)
                .append(",\"version\":").append(version).append(",\"conflicts\":").append(json.write(conflicts))
                .append(",\"ops\":").append(opsJson);
        if (resync) {
            sb.append(",\"resync\":true");
        }
        sb.append('}');
        correlationId.ifPresent(c -> sb.append(",\"correlationId\":").append(quote(c)));
        sb.append(",\"timestamp\":\"").append(Instant.now()).append("\"}");
        return sb.toString();
    }

    /**
     * The answer to {@code hello}: what the server speaks and the version the client will be
     * brought to.
     *
     * @param version       the current version
     * @param capabilities  the capabilities now in force for this connection
     * @param connectionId  the connection's id (the author of its changes)
     * @param role          the connection's role ({@code viewer}, {@code editor}, {@code operator})
     * @param correlationId the request it answers
     * @return the message text
     */
    public String hello(long version, List<String> capabilities, String connectionId, String role,
                        Optional<String> correlationId) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("protocol", 2L);
        payload.put("capabilities", capabilities);
        payload.put("version", version);
        payload.put("connectionId", connectionId);
        payload.put("role", role);
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"type\":\"hello\",\"payload\":").append(json.write(payload));
        correlationId.ifPresent(c -> sb.append(",\"correlationId\":").append(quote(c)));
        sb.append(",\"timestamp\":\"").append(Instant.now()).append("\"}");
        return sb.toString();
    }

    /**
     * A message with a payload given as JSON text.
     *
     * @param type          the message type
     * @param payloadJson   the payload object as JSON text
     * @param correlationId the request it answers, if any
     * @return the message text
     */
    public String message(String type, String payloadJson, Optional<String> correlationId) {
        StringBuilder sb = new StringBuilder(payloadJson.length() + 120);
        sb.append("{\"type\":").append(quote(type)).append(",\"payload\":").append(payloadJson);
        correlationId.ifPresent(c -> sb.append(",\"correlationId\":").append(quote(c)));
        sb.append(",\"timestamp\":\"").append(Instant.now()).append("\"}");
        return sb.toString();
    }

    /**
     * An {@code error} message.
     *
     * @param code          the error code
     * @param message       a sentence a person can act on
     * @param details       more, or an empty map
     * @param correlationId the request it answers, if known
     * @return the message text
     */
    public String error(ErrorCode code, String message, Map<String, ?> details, Optional<String> correlationId) {
        onError.accept(code);
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = json.generator(out)) {
            g.writeStartObject();
            g.write("type", "error");
            g.writeStartObject("payload");
            g.write("code", code.wire());
            g.write("message", message);
            if (!details.isEmpty()) {
                Json.writeField(g, "details", details);
            }
            g.writeEnd();
            correlationId.ifPresent(c -> g.write("correlationId", c));
            g.write("timestamp", Instant.now().toString());
            g.writeEnd();
        }
        return out.toString();
    }

    /**
     * The {@code details} of an {@code invalid_message} error.
     *
     * @param problems the field problems
     * @return details naming the first field and listing all
     */
    public static Map<String, Object> fieldDetails(List<FieldProblem> problems) {
        return Map.of("field", problems.getFirst().field(),
                "problems", problems.stream().map(p -> Map.of("field", p.field(), "expected", p.expected(),
                        "found", p.found())).toList());
    }

    /**
     * The {@code details} of an {@code invalid_graph} error.
     *
     * @param problems every problem
     * @return details listing them
     */
    public static Map<String, Object> problemDetails(List<Problem> problems) {
        return Map.of("problems", problems.stream().map(p -> Map.of("code", p.code(), "message", p.message(),
                "id", p.id())).toList());
    }

    private String quote(String s) {
        return json.write(s);
    }
}
