package io.flowcraft.server.http;

import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.Fields;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.GraphState;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.Json;
import io.flowcraft.graph.JsonException;
import io.flowcraft.graph.VersionInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.bind.Jsonb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The graph HTTP API: the catalogue, the current state, the history, and rollback. A rollback
 * is a change like any other: stored as a new version and broadcast to the graph's clients.
 * Every error is JSON {@code {"error": {"code", "message"}}}. Thread-safe.
 */
public final class GraphRoutes {
    private static final int MAX_PAGE = 1000;

    private final GraphStore store;
    private final Supplier<Jsonb> jsonb;
    private final Json json;
    private final io.flowcraft.graph.GraphCodec codec;

    /**
     * Creates the routes.
     *
     * @param store the graph store
     * @param jsonb JSON-B for response records (created on first use)
     * @param codec the graph codec (and its JSON codec)
     */
    public GraphRoutes(GraphStore store, Supplier<Jsonb> jsonb, io.flowcraft.graph.GraphCodec codec) {
        this.store = store;
        this.jsonb = jsonb;
        this.json = codec.json();
        this.codec = codec;
    }

    /**
     * Registers the routes.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/graphs", this::list)
                .get("/api/graphs/{id}", this::get)
                .get("/api/graphs/{id}/versions", this::versions)
                .get("/api/graphs/{id}/versions/{version}", this::version)
                .post("/api/graphs/{id}/rollback", this::rollback);
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> graphs = store.graphs().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("name", g.name().orElse(null));
            m.put("version", g.version());
            m.put("createdAt", g.createdAt().toString());
            m.put("updatedAt", g.updatedAt().toString());
            m.put("nodes", g.nodes());
            m.put("edges", g.edges());
            return m;
        }).toList();
        send(res, Status.OK_200, json.write(Map.of("graphs", graphs)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Optional<String> id = graphId(req, res);
        if (id.isEmpty()) {
            return;
        }
        GraphState state = store.current(id.get());
        sendState(res, state);
    }

    private void versions(ServerRequest req, ServerResponse res) {
        Optional<String> id = graphId(req, res);
        if (id.isEmpty()) {
            return;
        }
        Optional<Long> before = number(req, res, "before", 1, Long.MAX_VALUE);
        Optional<Long> limit = number(req, res, "limit", 1, MAX_PAGE);
        if (before == null || limit == null) {
            return;
        }
        List<VersionInfo> page = store.versions(id.get(), before.orElse(Long.MAX_VALUE),
                limit.orElse(100L).intValue());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("graphId", id.get());
        body.put("current", store.current(id.get()).version());
        body.put("versions", page.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("createdAt", v.createdAt().toString());
            m.put("author", v.author());
            m.put("authorName", v.authorName().orElse(null));
            m.put("kind", v.kind());
            m.put("nodes", v.nodes());
            m.put("edges", v.edges());
            m.put("sizeBytes", v.sizeBytes());
            return m;
        }).toList());
        send(res, Status.OK_200, json.write(body));
    }

    private void version(ServerRequest req, ServerResponse res) {
        Optional<String> id = graphId(req, res);
        if (id.isEmpty()) {
            return;
        }
        String raw = req.path().pathParameters().get("version");
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            error(res, Status.BAD_REQUEST_400, "invalid_message", "version must be a whole number, got '" + raw + "'");
            return;
        }
        Optional<GraphState> state = store.version(id.get(), v);
        if (state.isEmpty()) {
            error(res, Status.NOT_FOUND_404, "unknown_version", "graph '" + id.get() + "' has no version " + v
                    + " in its history (current version: " + store.current(id.get()).version() + ")");
            return;
        }
        Optional<io.flowcraft.graph.VersionOps> changes = store.changes(id.get(), v);
        String body = "{\"graphId\":" + json.write(id.get()) + ",\"version\":" + v + ",\"updatedAt\":\""
                + state.get().updatedAt() + "\""
                + changes.map(c -> ",\"author\":" + json.write(c.author()) + ",\"ops\":" + codec.encodeOps(c.ops()))
                .orElse("") + ",\"graph\":" + state.get().graphJson() + "}";
        send(res, Status.OK_200, body);
    }

    private void rollback(ServerRequest req, ServerResponse res) {
        Optional<String> id = graphId(req, res);
        if (id.isEmpty()) {
            return;
        }
        Object body;
        try {
            body = json.parse(req.content().as(String.class));
        } catch (JsonException e) {
            error(res, Status.BAD_REQUEST_400, "invalid_json", "the body is not valid JSON: " + e.getMessage());
            return;
        }
        Map<String, Object> m = Fields.asObject(body);
        if (m == null || !(m.get("version") instanceof Long target) || target < 0) {
            error(res, Status.BAD_REQUEST_400, "invalid_message",
                    "the body must be {\"version\": K} with K a version number ≥ 0");
            return;
        }
        Optional<String> who = m.get("authorName") instanceof String name && !name.isBlank() && name.length() <= 64
                ? Optional.of(name.strip()) : Optional.empty();
        CommitResult result = store.rollback(id.get(), target, new CommitOrigin("http", Optional.empty(), who));
        switch (result) {
            case CommitResult.Accepted a -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("graphId", id.get());
                out.put("version", a.commit().version());
                out.put("rolledBackTo", target);
                send(res, Status.OK_200, jsonb.get().toJson(out));
            }
            case CommitResult.UnknownVersion u -> error(res, Status.NOT_FOUND_404, "unknown_version", u.message());
            case CommitResult.TooLarge t -> error(res, Status.CONFLICT_409, "graph_too_large", t.message());
            case CommitResult.Invalid i -> error(res, Status.CONFLICT_409, "invalid_graph",
                    "version " + target + " is not a valid graph: " + i.problems().getFirst().message());
            case CommitResult.VersionMismatch v -> error(res, Status.CONFLICT_409, "version_mismatch",
                    "the graph changed during the rollback; try again");
            case CommitResult.Rejected r -> error(res, Status.CONFLICT_409, "patch_rejected",
                    "the graph changed during the rollback; try again");
        }
    }

    private void sendState(ServerResponse res, GraphState state) {
        String body = "{\"graphId\":" + json.write(state.graphId()) + ",\"version\":" + state.version()
                + ",\"updatedAt\":\"" + state.updatedAt() + "\",\"graph\":" + state.graphJson() + "}";
        send(res, Status.OK_200, body);
    }

    private Optional<String> graphId(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!GraphIds.isValid(id)) {
            error(res, Status.BAD_REQUEST_400, "invalid_graph_id",
                    "graph id must be 1 to 64 letters, digits, '_' or '-'");
            return Optional.empty();
        }
        if (!store.exists(id)) {
            error(res, Status.NOT_FOUND_404, "unknown_graph", "there is no graph '" + id + "'");
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** A query parameter; {@code null} after answering with an error. */
    private Optional<Long> number(ServerRequest req, ServerResponse res, String name, long min, long max) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(raw.get());
            if (v >= min && v <= max) {
                return Optional.of(v);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        error(res, Status.BAD_REQUEST_400, "invalid_message",
                name + " must be a whole number from " + min + " to " + max + ", got '" + raw.get() + "'");
        return null;
    }

    private void error(ServerResponse res, Status status, String code, String message) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", code);
        err.put("message", message);
        send(res, status, json.write(Map.of("error", err)));
    }

    static void send(ServerResponse res, Status status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }
}
