package io.flowcraft.server.http;

import io.flowcraft.api.protocol.Problem;
import io.flowcraft.engine.DiagramDocuments;
import io.flowcraft.engine.Engine;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphValidator;
import io.flowcraft.graph.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/diagrams/import}: turns a diagram file's text (JSON or YAML; a Flowcraft graph
 * or a DiPeO light document) into a Flowcraft graph, without storing anything: the browser then
 * applies it to the graph it has open as an ordinary change. The answer also lists what would stop
 * the diagram from running ({@code warnings}: unknown node types, missing fields…), so a user sees
 * unsupported constructs by name at import time. Stateless and thread-safe.
 */
public final class DiagramRoutes {
    private static final System.Logger LOG = System.getLogger(DiagramRoutes.class.getName());

    private final Engine engine;
    private final GraphCodec codec;
    private final Json json;

    /**
     * Creates the routes.
     *
     * @param engine the engine, to check that an imported diagram can run
     * @param codec  the graph codec
     */
    public DiagramRoutes(Engine engine, GraphCodec codec) {
        this.engine = engine;
        this.codec = codec;
        this.json = codec.json();
    }

    /**
     * Registers the route.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.post("/api/diagrams/import", this::importDiagram);
    }

    private void importDiagram(ServerRequest req, ServerResponse res) {
        String text = req.content().as(String.class);
        if (text.isBlank()) {
            error(res, "invalid_document", "the request body is empty: send the diagram file's text (JSON or YAML)",
                    List.of());
            return;
        }
        DiagramDocuments.Syntax syntax = syntax(req, text);
        switch (DiagramDocuments.parse(text, syntax)) {
            case DiagramDocuments.Invalid invalid -> {
                LOG.log(System.Logger.Level.INFO, "import refused: " + invalid.problems().size() + " problem(s), first: "
                        + invalid.problems().getFirst().message());
                error(res, "invalid_diagram", "the document is not a diagram Flowcraft can import: "
                        + invalid.problems().getFirst().message()
                        + (invalid.problems().size() > 1 ? " (and " + (invalid.problems().size() - 1) + " more)" : ""),
                        invalid.problems());
            }
            case DiagramDocuments.Ok ok -> {
                List<Problem> structure = GraphValidator.validate(ok.graph());
                if (!structure.isEmpty()) {
                    error(res, "invalid_diagram", "the document is not a valid graph: "
                            + structure.getFirst().message()
                            + (structure.size() > 1 ? " (and " + (structure.size() - 1) + " more)" : ""), structure);
                    return;
                }
                String format = ok.light() ? "dipeo-light" : "flowcraft";
                List<Map<String, Object>> warnings = engine.validate(ok.graph()).stream()
                        .map(DiagramRoutes::problem).toList();
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send("{\"graph\":" + codec.encode(ok.graph()) + ",\"format\":\"" + format + "\",\"warnings\":"
                        + json.write(warnings) + "}");
            }
        }
    }

    private static DiagramDocuments.Syntax syntax(ServerRequest req, String text) {
        Optional<String> type = req.headers().first(HeaderNames.CONTENT_TYPE)
                .map(t -> t.toLowerCase(Locale.ROOT));
        if (type.isPresent() && type.get().contains("yaml")) {
            return DiagramDocuments.Syntax.YAML;
        }
        if (type.isPresent() && type.get().contains("json")) {
            return DiagramDocuments.Syntax.JSON;
        }
        return DiagramDocuments.Syntax.sniff(text);
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("message", p.message());
        m.put("id", p.id());
        return m;
    }

    private void error(ServerResponse res, String code, String message, List<Problem> problems) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("problems", problems.stream().map(DiagramRoutes::problem).toList());
        res.status(Status.BAD_REQUEST_400);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.write(Map.of("error", error)));
    }
}
