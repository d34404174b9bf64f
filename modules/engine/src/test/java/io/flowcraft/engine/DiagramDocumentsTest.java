package io.flowcraft.engine;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagramDocumentsTest {
    private static final GraphCodec CODEC = GraphCodec.create(Json.create());
    private static final List<String> DIPEO = List.of("debate.light.yaml", "simple_iter.light.yaml",
            "simple_iter_code.light.yaml", "user_input_demo.light.yaml");

    @TempDir
    Path dir;

    private static Map<String, Object> yaml(String text) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        return map;
    }

    private static Map<String, Object> resource(String name) throws IOException {
        try (InputStream in = DiagramDocumentsTest.class.getResourceAsStream("/documents/" + name)) {
            assertTrue(in != null, "missing test resource " + name);
            return yaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Graph ok(Map<String, Object> document) {
        DiagramDocuments.Result r = DiagramDocuments.read(document);
        return assertInstanceOf(DiagramDocuments.Ok.class, r, () -> "not read: " + r).graph();
    }

    private static List<Problem> invalid(Map<String, Object> document) {
        DiagramDocuments.Result r = DiagramDocuments.read(document);
        return assertInstanceOf(DiagramDocuments.Invalid.class, r, () -> "read: " + r).problems();
    }

    private static Node byLabel(Graph g, String label) {
        return g.nodes().stream().filter(n -> label.equals(n.data().get("label"))).findFirst()
                .orElseThrow(() -> new AssertionError("no node labelled " + label + " in " + g.nodes()));
    }

    private static Edge edge(Graph g, String sourceLabel, String targetLabel) {
        String s = byLabel(g, sourceLabel).id();
        String t = byLabel(g, targetLabel).id();
        return g.edges().stream().filter(e -> e.source().equals(s) && e.target().equals(t)).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + sourceLabel + " -> " + targetLabel));
    }

    @Test
    void simpleIterCodeBecomesNodesWithSlugIdsLabelsAndInlineFields() throws IOException {
        Graph g = ok(resource("simple_iter_code.light.yaml"));
        assertEquals(List.of("start", "endpoint", "code-job", "condition", "code-job-1"),
                g.nodes().stream().map(Node::id).toList());
        Node loopJob = byLabel(g, "Code Job");
        assertEquals("code_job", loopJob.type());
        assertEquals(new Position(596, 245), loopJob.position());
        assertEquals("python", loopJob.data().get("language"));
        assertEquals("a+=1\nresult = f\"Iteration with a={a-1}\"\n", loopJob.data().get("code"));
        assertEquals("a=1", byLabel(g, "Code Job~1").data().get("code"));
        Node condition = byLabel(g, "Condition");
        assertEquals("a > 10", condition.data().get("expression"));
        assertEquals(true, condition.data().get("skippable"));
        assertEquals("files/results/simple_iter_output.txt", byLabel(g, "Endpoint").data().get("file_path"));
        assertFalse(loopJob.data().containsKey("type") || loopJob.data().containsKey("position"),
                "type and position are not repeated in data");
    }

    @Test
    void connectionsBecomeEdgesWithHandlesLabelsAndContentTypes() throws IOException {
        Graph g = ok(resource("simple_iter_code.light.yaml"));
        assertEquals(5, g.edges().size());
        Edge named = edge(g, "Code Job", "Condition");
        assertEquals(Optional.of("a"), named.label());
        assertEquals(Map.of("contentType", "raw_text"), named.data());
        assertEquals(Optional.empty(), named.sourceHandle());
        Edge loopBack = edge(g, "Condition", "Code Job");
        assertEquals(Optional.of("condfalse"), loopBack.sourceHandle());
        assertEquals(Optional.empty(), loopBack.label());
        assertEquals(Optional.of("condtrue"), edge(g, "Condition", "Endpoint").sourceHandle());

        Graph debate = ok(resource("debate.light.yaml"));
        Edge first = edge(debate, "Load Topic", "Optimist");
        assertEquals(Optional.of("first"), first.targetHandle());
        assertEquals(Optional.of("topic"), first.label());
        assertEquals("conversation_state", edge(debate, "Detect Max Iterations", "Optimist").data().get("contentType"));
        assertEquals(List.of(false, true), byLabel(debate, "Optimist").data().get("flipped"));
    }

    @Test
    void personsBecomeADiagramFieldAndTheVersionMarkerIsDropped() throws IOException {
        Graph g = ok(resource("debate.light.yaml"));
        assertEquals(List.of("persons"), List.copyOf(g.fields().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> persons = (Map<String, Object>) g.fields().get("persons");
        assertEquals(List.of("Judge", "Optimist", "Pessimist"), List.copyOf(persons.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> judge = (Map<String, Object>) persons.get("Judge");
        assertEquals("gpt-5-nano-2025-08-07", judge.get("model"));
        assertTrue(((String) judge.get("system_prompt")).startsWith("You are an impartial debate judge."));
        assertEquals("Judge", byLabel(g, "Judge Panel").data().get("person"));
    }

    @Test
    void everyDipeoExampleSurvivesARoundTripThroughTheNativeFormat() throws IOException {
        for (String name : DIPEO) {
            Graph g = ok(resource(name));
            assertFalse(g.nodes().isEmpty(), name);
            String text = CODEC.encode(g);
            @SuppressWarnings("unchecked")
            Map<String, Object> nativeDoc = (Map<String, Object>) Json.create().parse(text);
            assertEquals(g, ok(nativeDoc), name + " read back from its native JSON");
            assertEquals(g, CODEC.decode(text), name);
        }
    }

    @Test
    void integersFromYamlAreWholeJsonNumbers() throws IOException {
        Graph g = ok(resource("user_input_demo.light.yaml"));
        assertEquals(30L, byLabel(g, "ask_name").data().get("timeout"));
        assertEquals(1L, byLabel(g, "greet").data().get("max_iteration"));
        assertEquals(2, g.edges().stream().filter(e -> e.label().equals(Optional.of("name"))).count());
    }

    @Test
    void importedDiagramCompilesExceptForTypesNoExecutorProvides() throws IOException {
        try (Engine engine = new Engine(EngineConfig.defaults(dir), new TestExecutors().registry(),
                ExecutionStore.inMemory())) {
            List<Problem> problems = engine.validate(ok(resource("simple_iter.light.yaml")));
            assertEquals(List.of("unknown_node_type", "unknown_node_type"), problems.stream().map(Problem::code).toList(),
                    () -> "handles and edges map onto the engine's model: " + problems);
            assertEquals(List.of("printer", "ask"), problems.stream().map(Problem::id).toList());
        }
    }

    @Test
    void lightDiagramRunsAndDeliversValuesUnderTheConnectionLabel() throws Exception {
        Graph g = ok(yaml("""
                version: light
                nodes:
                - {label: Begin, type: START, position: {x: 0, y: 0}}
                - {label: Say Hello, type: wait, position: {x: 100, y: 0}, value: hello}
                - {label: Echo, type: wait, position: {x: 200, y: 0}}
                - {label: Done, type: endpoint, position: {x: 300, y: 0}}
                connections:
                - {from: Begin, to: Say Hello}
                - {from: Say Hello, to: 'Echo[default]', label: greeting, content_type: raw_text}
                - {from: Echo, to: Done}
                """));
        assertEquals("start", g.nodes().getFirst().type(), "types are lower-cased");
        try (Engine engine = new Engine(EngineConfig.defaults(dir), new TestExecutors().registry(),
                ExecutionStore.inMemory())) {
            StartResult r = engine.start(new ExecutionRequest("g", OptionalLong.empty(), g, Map.of(),
                    ExecutionRequest.Options.NONE));
            var started = assertInstanceOf(StartResult.Started.class, r, () -> "rejected: " + r);
            var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class,
                    started.completion().get(10, TimeUnit.SECONDS));
            assertEquals(Map.of("done", Map.of("greeting", "hello")), done.outputs(),
                    "Echo received Say Hello's value under the connection's label");
        }
    }

    @Test
    void everyUnknownLabelInConnectionsIsReportedAndNothingIsBuilt() {
        List<Problem> problems = invalid(yaml("""
                version: light
                nodes:
                - {label: Start, type: start}
                - {label: Check, type: condition}
                connections:
                - {from: Start, to: Chek}
                - {from: 'Nowhere[condtrue]', to: Check}
                - {from: 'Check[condfalse]', to: Start}
                """));
        assertEquals(List.of("unknown_label", "unknown_label"), problems.stream().map(Problem::code).toList());
        assertEquals(List.of("Chek", "Nowhere"), problems.stream().map(Problem::id).toList());
        assertTrue(problems.get(0).message().contains("connections[0].to"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("'Start', 'Check'"), "names the labels there are: "
                + problems.get(1).message());
    }

    @Test
    void everyMalformedNodeAndConnectionIsReportedAtOnce() {
        List<Problem> problems = invalid(yaml("""
                version: light
                nodes:
                - {label: A, type: start}
                - {label: A, type: endpoint}
                - {type: job}
                - just text
                - {label: B, type: job, position: {x: left, y: 0}}
                connections:
                - {from: A}
                """));
        List<String> messages = problems.stream().map(Problem::message).toList();
        assertEquals(5, problems.size(), () -> "problems: " + messages);
        assertEquals("duplicate_label", problems.getFirst().code());
        assertTrue(messages.contains("nodes[2].label must be a non-empty string, found nothing (missing)"), messages::toString);
        assertTrue(messages.contains("nodes[3] must be an object, found a string"), messages::toString);
        assertTrue(messages.contains("nodes[4].position.x must be a finite number, found a string"), messages::toString);
        assertTrue(messages.contains("connections[0].to must be a non-empty string, found nothing (missing)"), messages::toString);
    }

    @Test
    void labelsThatSlugAlikeStillGetDistinctIdsAndHandleSuffixesResolve() {
        Graph g = ok(yaml("""
                version: light
                nodes:
                - {label: Code Job~1, type: code_job}
                - {label: code job 1, type: code_job}
                - {label: '***', type: start}
                - {label: Élan, type: person_job}
                connections:
                - {from: '***', to: Élan_first}
                """));
        assertEquals(List.of("code-job-1", "code-job-1-2", "node", "elan"), g.nodes().stream().map(Node::id).toList());
        assertEquals(Position.ORIGIN, g.nodes().getFirst().position(), "a node without position sits at the origin");
        Edge e = g.edges().getFirst();
        assertEquals("node", e.source());
        assertEquals("elan", e.target());
        assertEquals(Optional.of("first"), e.targetHandle());
    }

    @Test
    void nativeDocumentsAreDecodedAndTheirProblemsListed() {
        Graph g = ok(yaml("""
                nodes:
                - {id: s, type: start, position: {x: 1, y: 2}, data: {label: Begin}}
                - {id: e, type: endpoint, position: {x: 3, y: 4}}
                edges:
                - {id: x, source: s, target: e, label: value, data: {contentType: object}}
                persons: {p: {model: m}}
                """));
        assertEquals(List.of("s", "e"), g.nodes().stream().map(Node::id).toList());
        assertEquals(Optional.of("value"), g.edges().getFirst().label());
        assertEquals(Map.of("persons", Map.of("p", Map.of("model", "m"))), g.fields());

        List<Problem> problems = invalid(yaml("""
                nodes:
                - {id: s, position: {x: 1, y: 2}}
                - {id: e, type: endpoint}
                """));
        assertEquals(List.of("edges must be an array, found nothing (missing)",
                        "nodes[0].type must be a non-empty string, found nothing (missing)",
                        "nodes[1].position must be an object, found nothing (missing)"),
                problems.stream().map(Problem::message).sorted().toList());
        problems.forEach(p -> assertEquals("invalid_document", p.code()));
    }

    @Test
    void yamlOnlyValuesBecomeJson() {
        Graph g = ok(yaml("""
                version: light
                nodes:
                - {label: S, type: start, when: 2024-05-01T10:00:00Z, 7: seven, blob: !!binary aGk=}
                """));
        Map<String, Object> data = g.nodes().getFirst().data();
        assertEquals("2024-05-01T10:00:00Z", data.get("when"));
        assertEquals("seven", data.get("7"));
        assertEquals("aGk=", data.get("blob"));
        assertTrue(CODEC.encode(g).contains("\"when\":\"2024-05-01T10:00:00Z\""), "the graph encodes as JSON");
    }

    /** A huge number is the parse error "number too large" in YAML as in JSON, in either format. */
    @Test
    void hugeNumbersAreRefusedAsTooLargeInYamlAndJson() {
        String digits = "9".repeat(2000);
        Map<String, String> documents = new java.util.LinkedHashMap<>();
        for (String huge : List.of(digits, "-" + digits, "1e999999999", "1.5e400", "0." + "1".repeat(2000))) {
            documents.put("yaml light " + huge.length(), "version: light\nnodes:\n- {label: S, type: start, n: " + huge + "}\n");
            documents.put("yaml native " + huge.length(), "nodes:\n- {id: s, type: start, position: {x: 1, y: " + huge
                    + "}}\nedges: []\n");
        }
        documents.put("json digits", "{\"nodes\":[{\"id\":\"s\",\"type\":\"start\",\"position\":{\"x\":1,\"y\":"
                + digits + "}}],\"edges\":[]}");
        documents.put("json exponent", "{\"version\":\"light\",\"nodes\":[{\"label\":\"S\",\"type\":\"start\","
                + "\"n\":1e999999999}]}");
        documents.forEach((name, text) -> {
            DiagramDocuments.Syntax syntax = DiagramDocuments.Syntax.sniff(text);
            DiagramDocuments.Result r = DiagramDocuments.parse(text, syntax);
            List<Problem> problems = assertInstanceOf(DiagramDocuments.Invalid.class, r, name).problems();
            assertEquals(1, problems.size(), name);
            assertEquals("invalid_document", problems.getFirst().code(), name);
            assertTrue(problems.getFirst().message().contains("number too large: "), name + ": " + problems);
            assertFalse(problems.getFirst().message().contains("99999999999"), name + " does not echo the number");
        });
        DiagramDocuments.Result r = DiagramDocuments.parse("version: light\nnodes:\n- {label: S, type: start, big: "
                + "9".repeat(40) + ", inf: .inf, tiny: 1e-999999999}\n", DiagramDocuments.Syntax.YAML);
        Graph fine = assertInstanceOf(DiagramDocuments.Ok.class, r, () -> "not read: " + r).graph();
        assertEquals(new java.math.BigDecimal("9".repeat(40)), fine.nodes().getFirst().data().get("big"));
        assertEquals("Infinity", fine.nodes().getFirst().data().get("inf"), "YAML's explicit .inf is kept as before");
    }
}
