package io.flowcraft.engine;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.graph.FieldProblem;
import io.flowcraft.graph.Fields;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.Json;
import io.flowcraft.graph.JsonException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a diagram document, parsed from JSON or YAML into plain maps and lists, into a
 * {@link Graph}: either a native graph ({@code nodes} and {@code edges} as the browser sends
 * them) or a DiPeO "light" document ({@code version: light}, nodes named by {@code label},
 * {@code connections} between labels, {@code persons}).
 *
 * <p>Light documents map as follows. A node's id is a slug of its label, unique within the
 * document ({@code "Code Job~1"} becomes {@code code-job-1}); the label itself stays in
 * {@code data.label}; its {@code type} is lower-cased; its {@code position} is kept (the origin when
 * absent); every other property goes into {@code data} unchanged. A connection {@code from: A[h]}
 * becomes an edge with {@code sourceHandle} {@code h} (likewise {@code to} and
 * {@code targetHandle}); its {@code label} becomes the edge's top-level {@code label}; its
 * {@code content_type} becomes {@code data.contentType}, other properties go into {@code data}.
 * Diagram-level fields other than {@code version}, {@code nodes} and {@code connections}
 * ({@code persons}, …) become {@link Graph#fields()}.
 *
 * <p>Values YAML has and JSON lacks are made JSON: non-string keys and timestamps become strings,
 * binary values base64 text, sets arrays. Stateless and thread-safe.
 */
public final class DiagramDocuments {
    private static final GraphCodec CODEC = GraphCodec.create(Json.create());
    private static final Pattern HANDLE = Pattern.compile("^(.*)\\[([^\\[\\]]*)]$");
    private static final Set<String> SUFFIX_HANDLES = Set.of("first", "default", "condtrue", "condfalse");
    private static final Set<String> LIGHT_NODE_KEYS = Set.of("label", "type", "position");
    private static final Set<String> LIGHT_EDGE_KEYS = Set.of("from", "to", "label", "content_type");
    /** Node properties any light node may have besides its type's fields: DiPeO's editor-only {@code flipped}. */
    private static final Set<String> LIGHT_PRESENTATION_KEYS = Set.of("label", "flipped");
    /** Edge data the engine reads. */
    private static final Set<String> EDGE_DATA_KEYS = Set.of("label", "contentType", "content_type");
    private static final Set<String> CONTENT_TYPES = Set.of("raw_text", "object", "conversation_state");

    private DiagramDocuments() {
    }

    /** The text syntax of a diagram document. */
    public enum Syntax {
        /** JSON. */
        JSON,
        /** YAML (1.1, safe types only: no tags that build objects). */
        YAML;

        /**
         * The syntax a file name says ({@code .yaml}, {@code .yml}; {@code .json}).
         *
         * @param fileName a file name
         * @return the syntax, or empty for any other extension
         */
        public static Optional<Syntax> ofFileName(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return Optional.of(YAML);
            }
            return name.endsWith(".json") ? Optional.of(JSON) : Optional.empty();
        }

        /**
         * Guesses the syntax of a text: JSON when it starts with <code>{</code>, else YAML.
         *
         * @param text the document text
         * @return the syntax
         */
        public static Syntax sniff(String text) {
            return text.stripLeading().startsWith("{") ? JSON : YAML;
        }
    }

    /** What reading a document gave. */
    public sealed interface Result {
    }

    /**
     * The document is a graph.
     *
     * @param graph the graph (still to be checked by {@link Engine#validate(Graph)} before it runs)
     * @param light whether the document was in DiPeO's light format
     */
    public record Ok(Graph graph, boolean light) implements Result {
    }

    /**
     * The document cannot be read as a graph.
     *
     * @param problems every problem found, each a sentence a person can act on
     */
    public record Invalid(List<Problem> problems) implements Result {
        /** Copies the list. */
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Parses a document's text and reads it. Syntax errors, a document that is not an object, and
     * YAML with duplicate keys or alias bombs are problems ({@code invalid_document}), like any other.
     *
     * @param text   the document text (at most a few MB is sensible; the caller bounds it)
     * @param syntax its syntax
     * @return the graph, or every problem found
     */
    public static Result parse(String text, Syntax syntax) {
        Object parsed;
        try {
            parsed = syntax == Syntax.YAML ? yaml(text.length()).load(text) : CODEC.json().parse(text);
        } catch (YAMLException e) {
            return invalidDocument("not valid YAML: " + e.getMessage().strip());
        } catch (JsonException e) {
            return invalidDocument("not valid JSON: " + e.getMessage());
        }
        Map<String, Object> document = Fields.asObject(parsed);
        if (document == null) {
            return invalidDocument("a diagram is an object with nodes (and edges or connections), found "
                    + Fields.describe(parsed));
        }
        return read(document);
    }

    private static Result invalidDocument(String message) {
        return new Invalid(List.of(new Problem("invalid_document", message, "")));
    }

    private static Yaml yaml(int length) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(Math.max(length + 1, 3 * 1024 * 1024));
        return new Yaml(new YamlNumbers(options));
    }

    /**
     * Reads a parsed document.
     *
     * @param document the document's top-level object, as parsed from JSON or YAML
     * @return the graph, or every problem found
     */
    public static Result read(Map<String, Object> document) {
        Map<String, Object> doc = Fields.asObject(json(document));
        return isLight(doc) ? readLight(doc) : readNative(doc);
    }

    /**
     * Whether a parsed document is in DiPeO's light format: its {@code version} is {@code light}.
     *
     * @param document the document's top-level object
     * @return {@code true} for a light document
     */
    public static boolean isLight(Map<String, ?> document) {
        return document.get("version") instanceof String v && v.equalsIgnoreCase("light");
    }

    private static Result readNative(Map<String, Object> doc) {
        Fields.Problems problems = new Fields.Problems();
        Graph graph = CODEC.decode(Fields.of(doc, "", problems), problems);
        if (!problems.isEmpty()) {
            return new Invalid(withoutEchoes(problems.list()));
        }
        return new Ok(graph, false);
    }

    private static Result readLight(Map<String, Object> doc) {
        Fields.Problems fieldProblems = new Fields.Problems();
        List<Problem> problems = new ArrayList<>();
        Fields top = Fields.of(doc, "", fieldProblems);
        List<Object> rawNodes = top.requireArray("nodes");
        List<Object> rawConnections = doc.get("connections") == null ? List.of() : top.requireArray("connections");

        Map<String, String> idByLabel = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < rawNodes.size(); i++) {
            Fields f = element(rawNodes, i, "nodes", fieldProblems);
            if (f == null) {
                continue;
            }
            String label = scalarText(f, "label");
            String type = f.requireString("type").toLowerCase(Locale.ROOT);
            Position position = position(f);
            if (label.isEmpty() || type.isEmpty()) {
                continue;
            }
            if (idByLabel.containsKey(label)) {
                problems.add(new Problem("duplicate_label", "nodes[" + i + "]: two nodes have the label '" + label
                        + "'; give each node its own label (DiPeO writes the second as '" + label + "~1')", label));
                continue;
            }
            String id = uniqueSlug(label, ids);
            idByLabel.put(label, id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("label", label);
            f.map().forEach((k, v) -> {
                if (!LIGHT_NODE_KEYS.contains(k)) {
                    data.put(k, v);
                }
            });
            nodes.add(new Node(id, type, position, data, Map.of()));
        }

        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < rawConnections.size(); i++) {
            Fields f = element(rawConnections, i, "connections", fieldProblems);
            if (f == null) {
                continue;
            }
            Optional<Endpoint> from = endpoint(f, "from", idByLabel, problems);
            Optional<Endpoint> to = endpoint(f, "to", idByLabel, problems);
            Optional<String> label = f.optionalString("label");
            Optional<String> contentType = f.optionalString("content_type");
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            contentType.ifPresent(c -> data.put("contentType", c));
            f.map().forEach((k, v) -> {
                if (!LIGHT_EDGE_KEYS.contains(k)) {
                    data.put(k, v);
                }
            });
            Map<String, Object> extra = label.filter(s -> !s.isEmpty())
                    .<Map<String, Object>>map(s -> Map.of("label", s)).orElse(Map.of());
            edges.add(new Edge("e" + (i + 1), from.get().id(), to.get().id(), from.get().handle(),
                    to.get().handle(), data, extra));
        }

        problems.addAll(withoutEchoes(fieldProblems.list()));
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        Map<String, Object> fields = new LinkedHashMap<>(doc);
        fields.remove("version");
        fields.remove("nodes");
        fields.remove("connections");
        return new Ok(new Graph(nodes, edges, fields), true);
    }

    /**
     * The constructs of a diagram read from a light document that nothing will use, each named: a
     * node property its type declares no field for ({@code unknown_property}), a connection property
     * ({@code unknown_property}) or an unknown {@code content_type} ({@code unknown_content_type}).
     * Node types no plugin provides and unknown handles are not listed here: {@link Engine#validate}
     * rejects them. These are warnings; the diagram can still run.
     *
     * @param graph    a graph read from a light document
     * @param registry the node executors, whose descriptors name the fields of each type
     * @return the warnings, in document order; empty when everything is used
     */
    public static List<Problem> unusedConstructs(Graph graph, ExecutorRegistry registry) {
        List<Problem> out = new ArrayList<>();
        for (Node node : graph.nodes()) {
            registry.find(node.type().toLowerCase(Locale.ROOT)).ifPresent(executor -> {
                Set<String> fields = new java.util.TreeSet<>();
                executor.descriptor().fields().forEach(f -> fields.add(f.name()));
                List<String> unknown = node.data().keySet().stream()
                        .filter(k -> !fields.contains(k) && !LIGHT_PRESENTATION_KEYS.contains(k)).toList();
                if (!unknown.isEmpty()) {
                    out.add(new Problem("unknown_property", "node " + DiagramCompiler.describe(node) + ": "
                            + node.type() + " has no " + (unknown.size() == 1 ? "property " : "properties ")
                            + String.join(", ", quoted(unknown)) + ", so " + (unknown.size() == 1 ? "it is" : "they are")
                            + " ignored; its properties are " + String.join(", ", fields), node.id()));
                }
            });
        }
        Map<String, String> labels = new HashMap<>();
        graph.nodes().forEach(n -> labels.put(n.id(), n.data().get("label") instanceof String s ? s : n.id()));
        for (Edge e : graph.edges()) {
            String between = "connection " + e.id() + " (" + labels.getOrDefault(e.source(), e.source()) + " → "
                    + labels.getOrDefault(e.target(), e.target()) + ")";
            List<String> unknown = e.data().keySet().stream().filter(k -> !EDGE_DATA_KEYS.contains(k)).toList();
            if (!unknown.isEmpty()) {
                out.add(new Problem("unknown_property", between + " has " + (unknown.size() == 1 ? "the property "
                        : "the properties ") + String.join(", ", quoted(unknown)) + ", which nothing reads; "
                        + "a connection has from, to, label and content_type", e.id()));
            }
            Object type = e.data().get("contentType");
            if (type instanceof String t && !t.isBlank() && !CONTENT_TYPES.contains(t.toLowerCase(Locale.ROOT))) {
                out.add(new Problem("unknown_content_type", between + " has content_type '" + t
                        + "'; known are raw_text, object and conversation_state", e.id()));
            }
        }
        return out;
    }

    /** A node id and, optionally, one of its handles. */
    private record Endpoint(String id, Optional<String> handle) {
    }

    /**
     * Resolves {@code Label}, {@code Label[handle]} or {@code Label_handle} (for the handles DiPeO
     * writes that way) against the node labels.
     */
    private static Optional<Endpoint> endpoint(Fields f, String key, Map<String, String> idByLabel,
                                               List<Problem> problems) {
        String ref = scalarText(f, key);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String exact = idByLabel.get(ref);
        if (exact != null) {
            return Optional.of(new Endpoint(exact, Optional.empty()));
        }
        Matcher m = HANDLE.matcher(ref);
        if (m.matches() && idByLabel.containsKey(m.group(1).strip())) {
            String handle = m.group(2).strip();
            return Optional.of(new Endpoint(idByLabel.get(m.group(1).strip()),
                    handle.isEmpty() ? Optional.empty() : Optional.of(handle)));
        }
        int us = ref.lastIndexOf('_');
        if (us > 0 && SUFFIX_HANDLES.contains(ref.substring(us + 1)) && idByLabel.containsKey(ref.substring(0, us))) {
            return Optional.of(new Endpoint(idByLabel.get(ref.substring(0, us)), Optional.of(ref.substring(us + 1))));
        }
        String name = m.matches() ? m.group(1).strip() : ref;
        problems.add(new Problem("unknown_label", f.path(key) + " names '" + name
                + "', but no node has that label; the labels are: " + String.join(", ", quoted(idByLabel.keySet())),
                name));
        return Optional.empty();
    }

    /** A required string; a YAML number or boolean ({@code label: 2024}) counts as its text. */
    private static String scalarText(Fields f, String key) {
        Object v = f.map().get(key);
        return v instanceof Number || v instanceof Boolean ? String.valueOf(v) : f.requireString(key);
    }

    private static List<String> quoted(Collection<String> labels) {
        return labels.stream().map(l -> "'" + l + "'").toList();
    }

    private static Position position(Fields f) {
        if (f.map().get("position") == null) {
            return Position.ORIGIN;
        }
        Fields p = f.requireObject("position");
        double x = p.requireNumber("x");
        double y = p.requireNumber("y");
        return Double.isFinite(x) && Double.isFinite(y) ? new Position(x, y) : Position.ORIGIN;
    }

    private static Fields element(List<Object> list, int i, String name, Fields.Problems problems) {
        Map<String, Object> m = Fields.asObject(list.get(i));
        if (m == null) {
            problems.add(name + "[" + i + "]", "an object", list.get(i), true);
            return null;
        }
        return Fields.of(m, name + "[" + i + "]", problems);
    }

    /**
     * A slug of a label: lower-case ASCII letters and digits separated by single dashes, at most
     * 48 characters, {@code node} when nothing is left; {@code -2}, {@code -3}, … make it unique.
     */
    static String uniqueSlug(String label, Set<String> taken) {
        String ascii = Normalizer.normalize(label, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "node";
        }
        String id = slug;
        for (int n = 2; !taken.add(id); n++) {
            id = slug + "-" + n;
        }
        return id;
    }

    /**
     * The problems, without those inside a field already reported (a missing {@code position}
     * also reports its missing {@code x} and {@code y}).
     */
    private static List<Problem> withoutEchoes(List<FieldProblem> found) {
        List<Problem> out = new ArrayList<>();
        for (FieldProblem p : found) {
            boolean inside = found.stream().anyMatch(q -> p.field().startsWith(q.field() + "."));
            if (!inside) {
                out.add(new Problem("invalid_document", p.describe(), ""));
            }
        }
        return out;
    }

    /** The value with everything YAML has and JSON lacks made JSON. */
    private static Object json(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short sh -> sh.longValue();
            case Byte b -> b.longValue();
            case Double d -> Double.isFinite(d) ? d : d.toString();
            case Float f -> Float.isFinite(f) ? (Object) f.doubleValue() : f.toString();
            case java.math.BigInteger bi -> bi.bitLength() < 64 ? (Object) bi.longValue() : new java.math.BigDecimal(bi);
            case java.math.BigDecimal bd -> bd;
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.forEach(v -> out.add(json(v)));
                yield out;
            }
            case java.util.Date d -> DateTimeFormatter.ISO_INSTANT.format(d.toInstant());
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Object[] array -> json(java.util.Arrays.asList(array));
            default -> value.toString();
        };
    }
}
