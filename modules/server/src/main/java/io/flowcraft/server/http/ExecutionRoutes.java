package io.flowcraft.server.http;

import io.flowcraft.api.spi.HandleSpec;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.engine.Engine;
import io.flowcraft.engine.ExecutionRecord;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.Json;
import io.flowcraft.plugins.PluginHost;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions and the node catalogue over HTTP: {@code GET /api/executions} (newest first;
 * {@code ?graphId=} and {@code ?limit=} 1–1000, default 50), {@code GET /api/executions/{id}} (status,
 * per-node status, outputs, timing, error) and {@code GET /api/node-types} (every node executor's
 * descriptor, for the editor's palette and forms). Thread-safe.
 */
public final class ExecutionRoutes {
    private final Engine engine;
    private final PluginHost plugins;
    private final Json json;

    /**
     * Creates the routes.
     *
     * @param engine  the engine
     * @param plugins the plugin host (node executors)
     * @param json    the JSON codec
     */
    public ExecutionRoutes(Engine engine, PluginHost plugins, Json json) {
        this.engine = engine;
        this.plugins = plugins;
        this.json = json;
    }

    /**
     * Registers the routes.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/executions", this::list)
                .get("/api/executions/{id}", this::one)
                .get("/api/node-types", (req, res) -> send(res, Status.OK_200, Map.of("nodeTypes",
                        plugins.nodeExecutors().stream().map(NodeExecutor::descriptor).map(ExecutionRoutes::nodeType)
                                .toList())));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<String> graphId = req.query().first("graphId").asOptional();
        if (graphId.isPresent() && !GraphIds.isValid(graphId.get())) {
            error(res, Status.BAD_REQUEST_400, "invalid_graph_id", "graphId must be 1 to 64 letters, digits, '_' or '-'");
            return;
        }
        int limit = 50;
        Optional<String> raw = req.query().first("limit").asOptional();
        if (raw.isPresent()) {
            try {
                limit = Integer.parseInt(raw.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                error(res, Status.BAD_REQUEST_400, "invalid_message", "limit must be a whole number from 1 to 1000, got '"
                        + raw.get() + "'");
                return;
            }
        }
        List<Object> records = engine.executions(graphId, limit).stream().map(r -> (Object) summary(r)).toList();
        send(res, Status.OK_200, Map.of("executions", records));
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Optional<ExecutionRecord> record = id.length() > 100 ? Optional.empty() : engine.execution(id);
        if (record.isEmpty()) {
            error(res, Status.NOT_FOUND_404, "unknown_execution", "there is no execution '"
                    + (id.length() > 100 ? id.substring(0, 100) + "…" : id) + "'");
            return;
        }
        send(res, Status.OK_200, record.get().toJson());
    }

    private static Map<String, Object> summary(ExecutionRecord r) {
        Map<String, Object> m = r.toJson();
        m.remove("nodes");
        m.remove("outputs");
        return m;
    }

    private static Map<String, Object> nodeType(NodeDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", d.type());
        m.put("title", d.title());
        m.put("description", d.description());
        m.put("fields", d.fields().stream().map(PluginRoutes::field).toList());
        m.put("inputs", d.inputs().stream().map(ExecutionRoutes::handle).toList());
        m.put("outputs", d.outputs().stream().map(ExecutionRoutes::handle).toList());
        m.put("example", d.example());
        return m;
    }

    private static Map<String, Object> handle(HandleSpec h) {
        return Map.of("id", h.id(), "label", h.label());
    }

    private void error(ServerResponse res, Status status, String code, String message) {
        send(res, status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.write(body));
    }
}
