package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphCodecTest {
    private final GraphCodec codec = GraphCodec.create(Json.create());

    /** A diagram as the browser sends it: React Flow's node and edge shape plus DiPeO fields. */
    static final String REACT_FLOW_DIAGRAM = """
            {
              "nodes": [
                {"id": "start", "type": "start", "position": {"x": 0, "y": 0}, "data": {},
                 "width": 150, "height": 40, "selected": true},
                {"id": "ask", "type": "person_job", "position": {"x": 240.5, "y": -80.25},
                 "data": {"person": "writer", "default_prompt": "Write about {{topic}}", "max_iteration": 3,
                          "tags": ["a", null, {"deep": [1, 2.5]}]},
                 "parentId": "group-1", "extent": "parent", "dragging": false},
                {"id": "check", "type": "condition", "position": {"x": 1e3, "y": 12345678.125},
                 "data": {"condition_type": "expression", "expression": "len(text) > 10", "nothing": null}}
              ],
              "edges": [
                {"id": "e1", "source": "start", "target": "ask", "targetHandle": "first",
                 "label": "topic", "data": {"contentType": "raw_text"}},
                {"id": "e2", "source": "ask", "target": "check", "sourceHandle": "default",
                 "animated": true, "data": {"contentType": "conversation_state"}},
                {"id": "e3", "source": "check", "target": "ask", "sourceHandle": "condfalse",
                 "targetHandle": null, "label": "feedback", "data": {"contentType": "object"}}
              ],
              "persons": {"writer": {"service": "openai", "model": "gpt-4.1-mini",
                                     "system_prompt": "You are terse.", "api_key_id": "key-1"}},
              "metadata": {"name": "demo", "version": 2}
            }
            """;

    @Test
    void reactFlowDiagramSurvivesDecodeEncodeDecode() {
        Graph first = codec.decode(REACT_FLOW_DIAGRAM);
        String encoded = codec.encode(first);
        Graph second = codec.decode(encoded);

        assertEquals(first, second);
        assertEquals(encoded, codec.encode(second), "encoding is stable");
    }

    @Test
    void extraNodeFieldsAreKept() {
        Graph g = codec.decode(REACT_FLOW_DIAGRAM);

        Node start = g.node("start").orElseThrow();
        assertEquals(Map.of("width", 150L, "height", 40L, "selected", true), start.extra());
        Node ask = g.node("ask").orElseThrow();
        assertEquals(new Position(240.5, -80.25), ask.position());
        assertEquals("group-1", ask.extra().get("parentId"));
        assertEquals("parent", ask.extra().get("extent"));
        assertEquals(false, ask.extra().get("dragging"));
        assertEquals(3L, ask.data().get("max_iteration"));
        Node check = g.node("check").orElseThrow();
        assertEquals(new Position(1000, 12345678.125), check.position());
        assertTrue(check.data().containsKey("nothing"), "a null data value keeps its key");
    }

    @Test
    void edgeHandlesLabelAndContentTypeAreKept() {
        Graph g = codec.decode(REACT_FLOW_DIAGRAM);

        Edge e1 = g.edge("e1").orElseThrow();
        assertEquals(Optional.empty(), e1.sourceHandle());
        assertEquals(Optional.of("first"), e1.targetHandle());
        assertEquals(Optional.of("topic"), e1.label());
        assertEquals(Map.of("contentType", "raw_text"), e1.data());
        Edge e2 = g.edge("e2").orElseThrow();
        assertEquals(Optional.of("default"), e2.sourceHandle());
        assertEquals(true, e2.extra().get("animated"));
        Edge e3 = g.edge("e3").orElseThrow();
        assertEquals(Optional.of("condfalse"), e3.sourceHandle());
        assertEquals(Optional.empty(), e3.targetHandle(), "a null handle is no handle");
        assertEquals(Optional.of("feedback"), e3.label());
        assertEquals("object", e3.data().get("contentType"));
    }

    @Test
    void diagramLevelFieldsAreKept() {
        Graph g = codec.decode(codec.encode(codec.decode(REACT_FLOW_DIAGRAM)));

        assertEquals(List.of("persons", "metadata"), List.copyOf(g.fields().keySet()));
        Map<?, ?> writer = (Map<?, ?>) ((Map<?, ?>) g.fields().get("persons")).get("writer");
        assertEquals("openai", writer.get("service"));
        assertEquals("gpt-4.1-mini", writer.get("model"));
        assertEquals("key-1", writer.get("api_key_id"));
    }

    @Test
    void graphBuiltInJavaEncodesAndDecodesToTheSameRecords() {
        Graph g = Graph.of(
                List.of(Node.create("a", "job", new Position(1.5, 2), Map.of("language", "python", "n", 7)),
                        Node.create("b", "db", Position.ORIGIN, Map.of())),
                List.of(Edge.create("ab", "a", "b")));
        assertEquals(g, codec.decode(codec.encode(g)));
        assertEquals("{\"nodes\":[],\"edges\":[]}", codec.encode(Graph.empty()));
        assertEquals(Graph.empty(), codec.decode(GraphState.EMPTY_JSON));
    }

    @Test
    void everyBadFieldIsReportedWithItsPath() {
        String text = """
                {"nodes": [
                   {"id": "a", "type": "start", "position": {"x": 0, "y": 0}},
                   {"id": "b", "type": "job", "position": {"x": "12", "y": 1e400}},
                   {"type": "", "position": {"x": 1, "y": 2}, "data": []},
                   "not a node"
                 ],
                 "edges": [
                   {"id": "e0", "source": "a"},
                   {"id": "e1", "source": 5, "target": "b", "sourceHandle": 3}
                 ]}
                """;
        InvalidFieldsException e = assertThrows(InvalidFieldsException.class, () -> codec.decode(text));
        Map<String, FieldProblem> byField = e.problems().stream()
                .collect(Collectors.toMap(FieldProblem::field, p -> p));

        assertEquals("nodes[1].position.x must be a finite number, found a string",
                byField.get("nodes[1].position.x").describe());
        assertEquals("a finite number", byField.get("nodes[1].position.y").expected());
        assertEquals("nothing (missing)", byField.get("nodes[2].id").found());
        assertEquals("a string", byField.get("nodes[2].type").found());
        assertEquals("an array", byField.get("nodes[2].data").found());
        assertEquals("an object", byField.get("nodes[3]").expected());
        assertEquals("edges[0].target must be a non-empty string, found nothing (missing)",
                byField.get("edges[0].target").describe());
        assertEquals("an integer", byField.get("edges[1].source").found());
        assertEquals("a string", byField.get("edges[1].sourceHandle").expected());
        assertEquals(9, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("and 4 more"), e.getMessage());
    }

    @Test
    void missingOrWrongTopLevelShapeIsReported() {
        InvalidFieldsException missing = assertThrows(InvalidFieldsException.class, () -> codec.decode("{}"));
        assertEquals(List.of("nodes", "edges"), missing.problems().stream().map(FieldProblem::field).toList());
        assertEquals("an array", missing.problems().get(0).expected());

        InvalidFieldsException notObject = assertThrows(InvalidFieldsException.class, () -> codec.decode("[]"));
        assertEquals("graph must be an object, found an array", notObject.problems().get(0).describe());

        assertThrows(JsonException.class, () -> codec.decode("{\"nodes\": [}"));
    }
}
