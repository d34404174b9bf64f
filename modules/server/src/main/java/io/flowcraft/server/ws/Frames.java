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

    /**
     * Creates the builder.
     *
     * @param json the shared JSON codec
     */
    public Frames(Json json) {
        this.json = json;
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
     * An {@code error} message.
     *
     * @param code          the error code
     * @param message       a sentence a person can act on
     * @param details       more, or an empty map
     * @param correlationId the request it answers, if known
     * @return the message text
     */
    public String error(ErrorCode code, String message, Map<String, ?> details, Optional<String> correlationId) {
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
