package io.flowcraft.server.http;

import io.flowcraft.api.protocol.Problem;
import io.flowcraft.engine.DiagramDocuments;
import io.flowcraft.engine.Engine;
import io.flowcraft.api.Graph;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.GraphStore;
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
import java.util.OptionalLong;

/**
 * Diagram import. {@code POST /api/diagrams/import} turns a diagram file's text (JSON or YAML; a
 * Flowcraft graph or a DiPeO light document) into a Flowcraft graph without storing anything: the
 * browser then applies it to the graph it has open as an ordinary change.
 * {@code POST /api/graphs/{id}/import} stores it as the next version of graph {@code id} (creating
 * the graph if needed), which every connected client receives like any other sync; with
 * {@code ?version=K} it is stored only if K is still the current version, else the answer is a 409
 * {@code version_mismatch}. Both answers list what would stop the diagram from running
 * ({@code warnings}: unknown node types, missing fields…), so a user sees unsupported constructs by
 * name at import time. Thread-safe.
 */
public final class DiagramRoutes {
    private static final System.Logger LOG = System.getLogger(DiagramRoutes.class.getName());

    private static final int ATTEMPTS = 3;

    private final Engine engine;
    private final GraphStore store;
    private final GraphCodec codec;
    private final Json json;

    /**
     * Creates the routes.
     *
     * @param engine the engine, to check that an imported diagram can run
     * @param store  the graph store, for imports into a graph
     * @param codec  the graph codec
     */
    public DiagramRoutes(Engine engine, GraphStore store, GraphCodec codec) {
        this.engine = engine;
        this.store = store;
        this.codec = codec;
        this.json = codec.json();
    }

    /** A diagram read from a request, or the answer already sent. */
    private record Imported(Graph graph, String format, List<Map<String, Object>> warnings) {
    }

    /**
     * Registers the route.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.post("/api/diagrams/import", this::importDiagram)
                .post("/api/graphs/{id}/import", this::importIntoGraph);
    }

    private void importDiagram(ServerRequest req, ServerResponse res) {
        read(req, res).ifPresent(d -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send("{\"graph\":" + codec.encode(d.graph()) + ",\"format\":\"" + d.format() + "\",\"warnings\":"
                    + json.write(d.warnings()) + "}");
        });
    }

    private void importIntoGraph(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!GraphIds.isValid(id)) {
            error(res, Status.BAD_REQUEST_400, "invalid_graph_id",
                    "graph id must be 1 to 64 letters, digits, '_' or '-'", List.of());
            return;
        }
        OptionalLong expected = OptionalLong.empty();
        Optional<String> raw = req.query().first("version").asOptional();
        if (raw.isPresent()) {
            try {
                expected = OptionalLong.of(Long.parseLong(raw.get()));
            } catch (NumberFormatException e) {
                error(res, Status.BAD_REQUEST_400, "invalid_parameter", "version must be a whole number, got '"
                        + raw.get() + "'", List.of());
                return;
            }
        }
        Optional<Imported> read = read(req, res);
        if (read.isEmpty()) {
            return;
        }
        Imported d = read.get();
        Optional<String> who = req.query().first("authorName").asOptional().map(String::strip)
                .filter(n -> !n.isEmpty() && n.length() <= 64);
        CommitOrigin origin = new CommitOrigin("http", Optional.empty(), who);
        for (int attempt = 1; ; attempt++) {
            long base = expected.orElseGet(() -> store.current(id).version());
            switch (store.sync(id, base, d.graph(), origin)) {
                case CommitResult.Accepted a -> {
                    LOG.log(System.Logger.Level.INFO, "imported a " + d.format() + " diagram into graph " + id
                            + " as version " + a.commit().version());
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("graphId", id);
                    out.put("version", a.commit().version());
                    out.put("format", d.format());
                    out.put("warnings", d.warnings());
                    res.status(Status.OK_200);
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(json.write(out));
                    return;
                }
                case CommitResult.VersionMismatch v -> {
                    if (expected.isEmpty() && attempt < ATTEMPTS) {
                        continue;       // someone committed in between: import over the newer version
                    }
                    error(res, Status.CONFLICT_409, "version_mismatch", "graph '" + id + "' is at version "
                            + v.current().version() + ", not " + base + "; nothing was stored", List.of());
                    return;
                }
                case CommitResult.TooLarge t -> {
                    error(res, Status.BAD_REQUEST_400, "graph_too_large", t.message(), List.of());
                    return;
                }
                case CommitResult.Invalid i -> {
                    error(res, Status.BAD_REQUEST_400, "invalid_diagram", "the document is not a valid graph: "
                            + i.problems().getFirst().message(), i.problems());
                    return;
                }
                case CommitResult.Rejected r -> {
                    error(res, Status.CONFLICT_409, "version_mismatch", "the graph changed during the import; "
                            + "nothing was stored", List.of());
                    return;
                }
                case CommitResult.UnknownVersion u -> {
                    error(res, Status.CONFLICT_409, "version_mismatch", u.message(), List.of());
                    return;
                }
            }
        }
    }

    /** Parses and validates the body; on a problem, answers 400 and returns empty. */
    private Optional<Imported> read(ServerRequest req, ServerResponse res) {
        String text = req.content().as(String.class);
        if (text.isBlank()) {
            error(res, Status.BAD_REQUEST_400, "invalid_document",
                    "the request body is empty: send the diagram file's text (JSON or YAML)", List.of());
            return Optional.empty();
        }
        DiagramDocuments.Syntax syntax = syntax(req, text);
        switch (DiagramDocuments.parse(text, syntax)) {
            case DiagramDocuments.Invalid invalid -> {
                LOG.log(System.Logger.Level.INFO, "import refused: " + invalid.problems().size() + " problem(s), first: "
                        + invalid.problems().getFirst().message());
                error(res, Status.BAD_REQUEST_400, "invalid_diagram", "the document is not a diagram Flowcraft can import: "
                        + invalid.problems().getFirst().message()
                        + (invalid.problems().size() > 1 ? " (and " + (invalid.problems().size() - 1) + " more)" : ""),
                        invalid.problems());
                return Optional.empty();
            }
            case DiagramDocuments.Ok ok -> {
                List<Problem> structure = GraphValidator.validate(ok.graph());
                if (!structure.isEmpty()) {
                    error(res, Status.BAD_REQUEST_400, "invalid_diagram", "the document is not a valid graph: "
                            + structure.getFirst().message()
                            + (structure.size() > 1 ? " (and " + (structure.size() - 1) + " more)" : ""), structure);
                    return Optional.empty();
                }
                return Optional.of(new Imported(ok.graph(), ok.light() ? "dipeo-light" : "flowcraft",
                        engine.validate(ok.graph()).stream().map(DiagramRoutes::problem).toList()));
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

    private void error(ServerResponse res, Status status, String code, String message, List<Problem> problems) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("problems", problems.stream().map(DiagramRoutes::problem).toList());
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.write(Map.of("error", error)));
    }
}
