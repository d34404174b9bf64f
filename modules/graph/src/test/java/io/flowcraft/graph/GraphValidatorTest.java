package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;
import io.flowcraft.api.protocol.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphValidatorTest {

    static Node node(String id) {
        return Node.create(id, "job", new Position(0, 0), Map.of());
    }

    static Edge edge(String id, String source, String target) {
        return Edge.create(id, source, target);
    }

    @Test
    void validGraphWithSelfLoopAndParallelEdgesHasNoProblems() {
        Graph g = Graph.of(List.of(node("a"), node("b")),
                List.of(edge("loop", "a", "a"), edge("p1", "a", "b"), edge("p2", "a", "b"), edge("back", "b", "a")));
        assertEquals(List.of(), GraphValidator.validate(g));
    }

    @Test
    void emptyGraphIsValid() {
        assertEquals(List.of(), GraphValidator.validate(Graph.empty()));
    }

    @Test
    void everyProblemIsReportedTogetherWithItsId() {
        Graph g = Graph.of(
                List.of(node("a"), node("b"), node("a"), node("c")),
                List.of(edge("e1", "a", "b"),
                        edge("e1", "b", "c"),
                        edge("toGhost", "a", "ghost"),
                        edge("fromGhost", "phantom", "c"),
                        edge("lost", "x", "y")));

        List<Problem> problems = GraphValidator.validate(g);

        assertEquals(List.of(
                new Problem("duplicate_node_id", "node id 'a' is used by more than one node", "a"),
                new Problem("duplicate_edge_id", "edge id 'e1' is used by more than one edge", "e1"),
                new Problem("dangling_edge", "edge 'toGhost' ends at node 'ghost', which does not exist", "toGhost"),
                new Problem("dangling_edge", "edge 'fromGhost' starts at node 'phantom', which does not exist",
                        "fromGhost"),
                new Problem("dangling_edge", "edge 'lost' starts at node 'x', which does not exist", "lost"),
                new Problem("dangling_edge", "edge 'lost' ends at node 'y', which does not exist", "lost")),
                problems);
    }

    @Test
    void eachExtraCopyOfANodeIdIsReported() {
        Graph g = Graph.of(List.of(node("n"), node("n"), node("n")), List.of());
        List<Problem> problems = GraphValidator.validate(g);
        assertEquals(2, problems.size());
        assertTrue(problems.stream().allMatch(p -> p.code().equals("duplicate_node_id") && p.id().equals("n")));
    }

    @Test
    void duplicateEdgeIdIsReportedEvenWhenTheFirstEdgeDangles() {
        // Validation promises every problem at once: fixing the dangling edge must not reveal a new one.
        Graph g = Graph.of(List.of(node("a"), node("b")),
                List.of(edge("e", "a", "missing"), edge("e", "a", "b")));

        List<String> codes = GraphValidator.validate(g).stream().map(Problem::code).toList();

        assertEquals(List.of("dangling_edge", "duplicate_edge_id"), codes);
    }

    @Test
    void duplicateEdgeIdIsReportedWhenTheSecondEdgeDangles() {
        Graph g = Graph.of(List.of(node("a"), node("b")),
                List.of(edge("e", "a", "b"), edge("e", "a", "missing")));

        List<String> codes = GraphValidator.validate(g).stream().map(Problem::code).toList();

        assertEquals(List.of("dangling_edge", "duplicate_edge_id"), codes);
    }

    @Test
    void edgeIdEqualToANodeIdIsFine() {
        Graph g = Graph.of(List.of(node("a"), node("b")), List.of(edge("a", "a", "b")));
        assertEquals(List.of(), GraphValidator.validate(g));
    }
}
