package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts graphs between the API records and JSON (parsed plain-Java values or text).
 *
 * <p>Decoding reports every missing or ill-typed field with its path; unknown top-level node and
 * edge fields are kept in {@code extra}, unknown graph fields in {@link Graph#fields()}, so a
 * graph survives a round trip unchanged. Stateless apart from the shared {@link Json}; thread-safe.
 */
public final class GraphCodec {
    private static final Set<String> NODE_KEYS = Set.of("id", "type", "position", "data");
    private static final Set<String> EDGE_KEYS =
            Set.of("id", "source", "target", "sourceHandle", "targetHandle", "data");

    private final Json json;

    private GraphCodec(Json json) {
        this.json = json;
    }

    /**
     * Creates a codec.
     *
     * @param json the JSON codec to share
     * @return a new graph codec
     */
    public static GraphCodec create(Json json) {
        return new GraphCodec(json);
    }

    /**
     * The shared JSON codec.
     *
     * @return the JSON codec
     */
    public Json json() {
        return json;
    }

    /**
     * Decodes a graph object read from JSON.
     *
     * @param graph    a reader over the graph object
     * @param problems where missing or ill-typed fields are recorded
     * @return the graph (meaningful only if no problem was recorded)
     */
    public Graph decode(Fields graph, Fields.Problems problems) {
        List<Object> rawNodes = graph.requireArray("nodes");
        List<Object> rawEdges = graph.requireArray("edges");
        List<Node> nodes = new ArrayList<>(rawNodes.size());
        for (int i = 0; i < rawNodes.size(); i++) {
            String path = graph.path("nodes") + "[" + i + "]";
            Map<String, Object> m = Fields.asObject(rawNodes.get(i));
            if (m == null) {
                problems.add(path, "an object", rawNodes.get(i), true);
                continue;
            }
            decodeNode(Fields.of(m, path, problems)).ifPresent(nodes::add);
        }
        List<Edge> edges = new ArrayList<>(rawEdges.size());
        for (int i = 0; i < rawEdges.size(); i++) {
            String path = graph.path("edges") + "[" + i + "]";
            Map<String, Object> m = Fields.asObject(rawEdges.get(i));
            if (m == null) {
                problems.add(path, "an object", rawEdges.get(i), true);
                continue;
            }
            decodeEdge(Fields.of(m, path, problems)).ifPresent(edges::add);
        }
        Map<String, Object> fields = new LinkedHashMap<>(graph.map());
        fields.remove("nodes");
        fields.remove("edges");
        return new Graph(nodes, edges, fields);
    }

    /**
     * Decodes JSON text holding a graph object.
     *
     * @param text JSON text
     * @return the graph
     * @throws JsonException          if the text is not JSON
     * @throws InvalidFieldsException if fields are missing or ill-typed
     */
    public Graph decode(String text) {
        Object parsed = json.parse(text);
        Fields.Problems problems = new Fields.Problems();
        Map<String, Object> m = Fields.asObject(parsed);
        if (m == null) {
            problems.add("graph", "an object", parsed, true);
            problems.throwIfAny();
        }
        Graph g = decode(Fields.of(m, "", problems), problems);
        problems.throwIfAny();
        return g;
    }

    /**
     * Decodes one node object.
     *
     * @param f a reader over the node
     * @return the node, or empty when a required field is wrong (recorded as a problem)
     */
    public Optional<Node> decodeNode(Fields f) {
        String id = f.requireString("id");
        String type = f.requireString("type");
        Fields pos = f.requireObject("position");
        double x = pos.requireNumber("x");
        double y = pos.requireNumber("y");
        Map<String, Object> data = f.optionalObject("data");
        if (id.isEmpty() || type.isEmpty() || !Double.isFinite(x) || !Double.isFinite(y)) {
            return Optional.empty();
        }
        return Optional.of(new Node(id, type, new Position(x, y), data, extras(f.map(), NODE_KEYS)));
    }

    /**
     * Decodes one edge object.
     *
     * @param f a reader over the edge
     * @return the edge, or empty when a required field is wrong (recorded as a problem)
     */
    public Optional<Edge> decodeEdge(Fields f) {
        String id = f.requireString("id");
        String source = f.requireString("source");
        String target = f.requireString("target");
        Optional<String> sourceHandle = f.optionalString("sourceHandle");
        Optional<String> targetHandle = f.optionalString("targetHandle");
        Map<String, Object> data = f.optionalObject("data");
        if (id.isEmpty() || source.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Edge(id, source, target, sourceHandle, targetHandle, data,
                extras(f.map(), EDGE_KEYS)));
    }

    /**
     * Decodes an array of graph operations.
     *
     * @param raw      the parsed array
     * @param path     its path, such as {@code payload.ops}
     * @param problems where missing or ill-typed fields are recorded
     * @return the operations (meaningful only if no problem was recorded)
     */
    public List<GraphOp> decodeOps(List<Object> raw, String path, Fields.Problems problems) {
        List<GraphOp> ops = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> m = Fields.asObject(raw.get(i));
            if (m == null) {
                problems.add(at, "an operation object", raw.get(i), true);
                continue;
            }
            decodeOp(Fields.of(m, at, problems), problems).ifPresent(ops::add);
        }
        return ops;
    }

    private Optional<GraphOp> decodeOp(Fields f, Fields.Problems problems) {
        String op = f.requireString("op");
        return switch (op) {
            case "" -> Optional.empty();
            case "add_node" -> decodeNode(f.requireObject("node")).map(GraphOp.AddNode::new);
            case "add_edge" -> decodeEdge(f.requireObject("edge")).map(GraphOp.AddEdge::new);
            case "remove_node" -> nonEmpty(f.requireString("id")).map(GraphOp.RemoveNode::new);
            case "remove_edge" -> nonEmpty(f.requireString("id")).map(GraphOp.RemoveEdge::new);
            case "update_node" -> {
                String id = f.requireString("id");
                Optional<Position> position = Optional.empty();
                if (f.map().get("position") != null) {
                    Fields pos = f.requireObject("position");
                    double x = pos.requireNumber("x");
                    double y = pos.requireNumber("y");
                    position = Double.isFinite(x) && Double.isFinite(y) ? Optional.of(new Position(x, y)) : Optional.empty();
                }
                Map<String, Object> data = f.optionalObject("data");
                Optional<Position> moved = position;
                yield nonEmpty(id).map(x -> new GraphOp.UpdateNode(x, moved, data,
                        inlineFields(f.map(), UPDATE_NODE_KEYS)));
            }
            case "update_edge" -> {
                String id = f.requireString("id");
                Map<String, Object> data = f.optionalObject("data");
                yield nonEmpty(id).map(x -> new GraphOp.UpdateEdge(x, data, inlineFields(f.map(), UPDATE_EDGE_KEYS)));
            }
            case "set_field" -> {
                String key = f.requireString("key");
                if (key.equals("nodes") || key.equals("edges")) {
                    problems.add(new FieldProblem(f.path("key"), "a diagram field other than nodes and edges",
                            "'" + key + "'"));
                    yield Optional.empty();
                }
                if (!f.map().containsKey("value")) {
                    problems.add(f.path("value"), "a value (null removes the field)", null, false);
                    yield Optional.empty();
                }
                yield nonEmpty(key).map(k -> new GraphOp.SetField(k, f.map().get("value")));
            }
            default -> {
                problems.add(new FieldProblem(f.path("op"), "one of add_node, update_node, remove_node, add_edge, "
                        + "update_edge, remove_edge, set_field", "'" + op + "'"));
                yield Optional.empty();
            }
        };
    }

    private static final Set<String> UPDATE_NODE_KEYS = Set.of("op", "id", "position", "data");
    private static final Set<String> UPDATE_EDGE_KEYS = Set.of("op", "id", "data");

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Map<String, Object> inlineFields(Map<String, Object> m, Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!known.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Encodes operations as a JSON array text.
     *
     * @param ops the operations
     * @return compact JSON text
     */
    public String encodeOps(List<GraphOp> ops) {
        StringWriter out = new StringWriter(64 + ops.size() * 64);
        try (JsonGenerator g = json.generator(out)) {
            g.writeStartArray();
            ops.forEach(op -> writeOp(g, op));
            g.writeEnd();
        }
        return out.toString();
    }

    /**
     * Decodes a JSON array text of operations, as stored.
     *
     * @param text JSON text
     * @return the operations
     * @throws InvalidFieldsException if an operation is malformed
     */
    public List<GraphOp> decodeOps(String text) {
        Fields.Problems problems = new Fields.Problems();
        Object parsed = json.parse(text);
        List<GraphOp> ops = parsed instanceof List<?> l ? decodeOps(castList(l), "ops", problems) : List.of();
        problems.throwIfAny();
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(List<?> l) {
        return (List<Object>) l;
    }

    /**
     * Writes one operation as an array element.
     *
     * @param g  the generator
     * @param op the operation
     */
    public void writeOp(JsonGenerator g, GraphOp op) {
        switch (op) {
            case GraphOp.AddNode a -> {
                g.writeStartObject().write("op", op.op());
                g.writeKey("node");
                writeNode(g, a.node());
                g.writeEnd();
            }
            case GraphOp.AddEdge a -> {
                g.writeStartObject().write("op", op.op());
                g.writeKey("edge");
                writeEdge(g, a.edge());
                g.writeEnd();
            }
            case GraphOp.RemoveNode r -> g.writeStartObject().write("op", op.op()).write("id", r.id()).writeEnd();
            case GraphOp.RemoveEdge r -> g.writeStartObject().write("op", op.op()).write("id", r.id()).writeEnd();
            case GraphOp.UpdateNode u -> {
                g.writeStartObject().write("op", op.op()).write("id", u.id());
                u.position().ifPresent(p -> {
                    g.writeStartObject("position");
                    writeCoordinate(g, "x", p.x());
                    writeCoordinate(g, "y", p.y());
                    g.writeEnd();
                });
                if (!u.data().isEmpty()) {
                    Json.writeField(g, "data", u.data());
                }
                u.fields().forEach((k, v) -> Json.writeField(g, k, v));
                g.writeEnd();
            }
            case GraphOp.UpdateEdge u -> {
                g.writeStartObject().write("op", op.op()).write("id", u.id());
                if (!u.data().isEmpty()) {
                    Json.writeField(g, "data", u.data());
                }
                u.fields().forEach((k, v) -> Json.writeField(g, k, v));
                g.writeEnd();
            }
            case GraphOp.SetField s -> {
                g.writeStartObject().write("op", op.op()).write("key", s.key());
                Json.writeField(g, "value", s.value());
                g.writeEnd();
            }
        }
    }

    private static Map<String, Object> extras(Map<String, Object> m, Set<String> known) {
        if (m.size() <= known.size() && known.containsAll(m.keySet())) {
            return Map.of();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!known.contains(k)) {
                extra.put(k, v);
            }
        });
        return extra;
    }

    /**
     * Encodes a graph as JSON text.
     *
     * @param graph the graph
     * @return compact JSON text
     */
    public String encode(Graph graph) {
        StringWriter out = new StringWriter(64 + graph.nodes().size() * 160);
        try (JsonGenerator g = json.generator(out)) {
            g.writeStartObject();
            writeGraphBody(g, graph);
            g.writeEnd();
        }
        return out.toString();
    }

    /**
     * Writes a graph object as the value of field {@code key} of the object being generated.
     *
     * @param g     the generator, inside an object
     * @param key   the field name
     * @param graph the graph
     */
    public void writeGraph(JsonGenerator g, String key, Graph graph) {
        g.writeStartObject(key);
        writeGraphBody(g, graph);
        g.writeEnd();
    }

    private void writeGraphBody(JsonGenerator g, Graph graph) {
        g.writeStartArray("nodes");
        for (Node n : graph.nodes()) {
            writeNode(g, n);
        }
        g.writeEnd();
        g.writeStartArray("edges");
        for (Edge e : graph.edges()) {
            writeEdge(g, e);
        }
        g.writeEnd();
        graph.fields().forEach((k, v) -> Json.writeField(g, k, v));
    }

    /**
     * Writes a node as an array element or top-level value.
     *
     * @param g the generator
     * @param n the node
     */
    public void writeNode(JsonGenerator g, Node n) {
        g.writeStartObject();
        g.write("id", n.id());
        g.write("type", n.type());
        g.writeStartObject("position");
        writeCoordinate(g, "x", n.position().x());
        writeCoordinate(g, "y", n.position().y());
        g.writeEnd();
        Json.writeField(g, "data", n.data());
        n.extra().forEach((k, v) -> Json.writeField(g, k, v));
        g.writeEnd();
    }

    /**
     * Writes an edge as an array element or top-level value.
     *
     * @param g the generator
     * @param e the edge
     */
    public void writeEdge(JsonGenerator g, Edge e) {
        g.writeStartObject();
        g.write("id", e.id());
        g.write("source", e.source());
        g.write("target", e.target());
        e.sourceHandle().ifPresent(h -> g.write("sourceHandle", h));
        e.targetHandle().ifPresent(h -> g.write("targetHandle", h));
        if (!e.data().isEmpty()) {
            Json.writeField(g, "data", e.data());
        }
        e.extra().forEach((k, v) -> Json.writeField(g, k, v));
        g.writeEnd();
    }

    private static void writeCoordinate(JsonGenerator g, String key, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.write(key, (long) v);
        } else {
            g.write(key, v);
        }
    }
}
