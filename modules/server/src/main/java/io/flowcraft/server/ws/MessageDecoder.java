package io.flowcraft.server.ws;

import io.flowcraft.api.Graph;
import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.graph.FieldProblem;
import io.flowcraft.graph.Fields;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.InvalidFieldsException;
import io.flowcraft.graph.Json;
import io.flowcraft.graph.JsonException;

import java.util.ArrayList;
import java.util.List;
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
    static final Set<String> KNOWN_TYPES = Set.of("sync_graph", "hello", "patch_graph", "execute_action",
            "execute_diagram", "pause_execution", "resume_execution", "cancel_execution", "user_response",
            "broadcast_event", "presence");
    private static final int MAX_PRESENCE_CHARS = 64;

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
        Optional<String> unpaired = unpairedSurrogate(envelope);
        if (unpaired.isPresent()) {
            // no UTF-8 text can carry it: the server would store and echo "?" instead
            problems.add(new FieldProblem(unpaired.get().isEmpty() ? "(a key)" : unpaired.get(),
                    "Unicode text (a \\uD800-\\uDFFF escape only as half of a pair)", "an unpaired UTF-16 surrogate"));
            return bad(problems, envelope.get("correlationId") instanceof String c && !unpaired(c) ? Optional.of(c)
                    : Optional.empty());
        }
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
            case "hello" -> hello(payload, problems);
            case "patch_graph" -> patchGraph(payload, problems);
            case "execute_action" -> new ClientMessage.ExecuteAction(payload.requireString("actionId"),
                    payload.requireString("nodeId"), payload.optionalObject("params"));
            case "execute_diagram" -> executeDiagram(payload, problems);
            case "pause_execution" -> control(ClientMessage.ControlExecution.Command.PAUSE, payload);
            case "resume_execution" -> control(ClientMessage.ControlExecution.Command.RESUME, payload);
            case "cancel_execution" -> control(ClientMessage.ControlExecution.Command.CANCEL, payload);
            case "user_response" -> userResponse(payload, problems);
            case "broadcast_event" -> new ClientMessage.BroadcastEvent(payload.map());
            case "presence" -> presence(payload, problems);
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

    private ClientMessage patchGraph(Fields payload, Fields.Problems problems) {
        long base = payload.requireLong("baseVersion", 0);
        List<Object> ops = payload.requireArray("ops");
        return new ClientMessage.PatchGraph(base, graphs.decodeOps(ops, payload.path("ops"), problems));
    }

    private static ClientMessage hello(Fields payload, Fields.Problems problems) {
        Object raw = payload.map().get("capabilities");
        List<String> capabilities = new ArrayList<>();
        if (raw != null) {
            if (raw instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
                l.forEach(x -> capabilities.add((String) x));
            } else {
                problems.add(payload.path("capabilities"), "an array of strings", raw, true);
            }
        }
        return new ClientMessage.Hello(capabilities, payload.optionalLong("since", 0));
    }

    private static ClientMessage presence(Fields payload, Fields.Problems problems) {
        return new ClientMessage.Presence(shortText(payload, "name", problems), shortText(payload, "editing", problems));
    }

    /** An optional string of at most {@value #MAX_PRESENCE_CHARS} characters ({@code null} = absent). */
    private static Optional<String> shortText(Fields payload, String key, Fields.Problems problems) {
        Object raw = payload.map().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof String s) || s.codePointCount(0, s.length()) > MAX_PRESENCE_CHARS) {
            problems.add(payload.path(key), "a string of at most " + MAX_PRESENCE_CHARS + " characters, or null",
                    raw, true);
            return Optional.empty();
        }
        String trimmed = s.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    private static ClientMessage executeDiagram(Fields payload, Fields.Problems problems) {
        Optional<String> graphId = payload.optionalString("graphId");
        Object diagram = payload.map().get("diagram");
        Optional<Map<String, Object>> inline = Optional.empty();
        if (diagram != null) {
            Map<String, Object> d = Fields.asObject(diagram);
            if (d == null) {
                problems.add(payload.path("diagram"), "an object (a graph or a diagram document)", diagram, true);
            } else {
                inline = Optional.of(d);
            }
        }
        return new ClientMessage.ExecuteDiagram(graphId, inline, payload.optionalObject("inputs"),
                payload.optionalObject("options"));
    }

    private static ClientMessage control(ClientMessage.ControlExecution.Command command, Fields payload) {
        return new ClientMessage.ControlExecution(command, payload.requireString("executionId"));
    }

    private static ClientMessage userResponse(Fields payload, Fields.Problems problems) {
        String executionId = payload.requireString("executionId");
        String nodeId = payload.requireString("nodeId");
        if (!payload.map().containsKey("response")) {
            problems.add(payload.path("response"), "the answer (any JSON value)", null, false);
        }
        return new ClientMessage.UserResponse(executionId, nodeId, payload.map().get("response"));
    }

    /**
     * The path of the first string or key holding an unpaired UTF-16 surrogate (JSON lets a
     * {@code \\uD800} escape stand alone; I-JSON, RFC 7493, forbids it). The path is built only
     * when there is one.
     */
    private static Optional<String> unpairedSurrogate(Object value) {
        switch (value) {
            case String s -> {
                return unpaired(s) ? Optional.of("") : Optional.empty();
            }
            case Map<?, ?> m -> {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = (String) e.getKey();
                    if (unpaired(key)) {
                        return Optional.of("");
                    }
                    Optional<String> below = unpairedSurrogate(e.getValue());
                    if (below.isPresent()) {
                        return Optional.of(key + step(below.get()));
                    }
                }
            }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    Optional<String> below = unpairedSurrogate(l.get(i));
                    if (below.isPresent()) {
                        return Optional.of("[" + i + "]" + step(below.get()));
                    }
                }
            }
            case null, default -> {
            }
        }
        return Optional.empty();
    }

    private static String step(String below) {
        return below.isEmpty() || below.startsWith("[") ? below : "." + below;
    }

    private static boolean unpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }

    private static Inbound bad(Fields.Problems problems, Optional<String> correlationId) {
        InvalidFieldsException e = new InvalidFieldsException(problems.list());
        return new Inbound.Bad(ErrorCode.INVALID_MESSAGE, e.getMessage(), Frames.fieldDetails(e.problems()),
                correlationId);
    }
}
