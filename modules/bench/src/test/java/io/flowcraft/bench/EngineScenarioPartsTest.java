package io.flowcraft.bench;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of the engine scenarios: diagram shapes, event scanning, traces, summaries. */
class EngineScenarioPartsTest {

    @Test
    void layeredIsWidthChainsFromTheStart() {
        ExecDiagram d = ExecDiagram.layered(100, 100);
        assertEquals(10_001, d.nodes().size());
        assertEquals(10_000, d.count("noop"));
        assertEquals(10_000, d.edges().size());
        Map<String, Integer> in = new HashMap<>();
        Map<String, Integer> out = new HashMap<>();
        d.edges().forEach(e -> {
            in.merge(e.target(), 1, Integer::sum);
            out.merge(e.source(), 1, Integer::sum);
        });
        assertEquals(100, out.get(ExecDiagram.START), "start feeds the 100 nodes of the first layer");
        assertTrue(in.values().stream().allMatch(n -> n == 1), "every noop node has one input");
        assertNull(out.get(ExecDiagram.cell(99, 5)), "the last layer ends the chains");
        assertTrue(d.edges().contains(new ExecDiagram.Link(ExecDiagram.cell(3, 7), ExecDiagram.cell(4, 7), null)));
    }

    @Test
    void chainIsStartNoopsEndpoint() {
        ExecDiagram d = ExecDiagram.chain(10);
        assertEquals(List.of("start", "noop", "noop", "noop", "noop", "noop", "noop", "noop", "noop", "endpoint"),
                d.nodes().stream().map(ExecDiagram.Spec::type).toList());
        assertEquals(9, d.edges().size());
        for (int i = 0; i < 9; i++) {
            assertEquals(d.nodes().get(i).id(), d.edges().get(i).source());
            assertEquals(d.nodes().get(i + 1).id(), d.edges().get(i).target());
        }
    }

    @Test
    void fanOutJoinsEverySleepNodeInOneEndpointUnderItsOwnInput() {
        ExecDiagram d = ExecDiagram.fanOut(100, 10);
        assertEquals(102, d.nodes().size());
        assertEquals(100, d.count("sleep"));
        assertTrue(d.nodes().stream().filter(n -> n.type().equals("sleep")).allMatch(n -> n.ms() == 10));
        List<ExecDiagram.Link> intoEnd = d.edges().stream().filter(e -> e.target().equals("end")).toList();
        assertEquals(100, intoEnd.size());
        assertEquals(100, intoEnd.stream().map(ExecDiagram.Link::label).distinct().count());
    }

    @Test
    void theDocumentAndTheGraphDescribeTheSameDiagram() throws Exception {
        ExecDiagram d = ExecDiagram.fanOut(3, 25);
        Graph g = d.graph();
        assertEquals(5, g.nodes().size());
        assertEquals(25L, g.nodes().get(1).data().get("ms"));
        assertEquals(Optional.of("s0"), g.edges().stream().filter(e -> e.target().equals("end")).findFirst()
                .flatMap(Edge::label));
        var json = jakarta.json.Json.createReader(new java.io.StringReader(d.json())).readObject();
        assertEquals(5, json.getJsonArray("nodes").size());
        assertEquals(6, json.getJsonArray("edges").size());
        assertEquals(25, json.getJsonArray("nodes").getJsonObject(1).getJsonObject("data").getInt("ms"));
        assertEquals("s2", json.getJsonArray("edges").getJsonObject(5).getString("label"));
    }

    @Test
    void eventScanReadsEnvelopeAndPayloadKeysOnly() {
        ExecEvent e = ExecEvent.parse("{\"type\":\"node_completed\",\"payload\":{\"executionId\":\"x1\",\"graphId\":\"g\","
                + "\"nodeId\":\"n1\",\"iteration\":0,\"output\":{\"nodeId\":\"fake\",\"type\":\"no\",\"durationMs\":99},"
                + "\"durationMs\":12},\"correlationId\":\"c\",\"timestamp\":\"2026-01-01T00:00:00Z\"}", 5);
        assertEquals(new ExecEvent("node_completed", "c", "x1", "n1", 12, null, 5), e);
        assertTrue(e.ofExecution());
        assertFalse(e.terminal());
        ExecEvent sync = ExecEvent.parse("{\"type\":\"sync_graph\",\"payload\":{\"version\":0,\"graph\":{}}}", 0);
        assertFalse(sync.ofExecution());
        assertTrue(ExecEvent.parse("{\"type\":\"execution_completed\",\"payload\":{\"executionId\":\"x\","
                + "\"outputs\":{},\"durationMs\":3}}", 0).terminal());
    }

    @Test
    void tracesOfTheSameSequenceMatchAndAnotherOrderDoesNot() {
        ExecTrace a = trace("n1", "n2");
        ExecTrace b = trace("n1", "n2");
        ExecTrace c = trace("n2", "n1");
        assertEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(a.fingerprint(), c.fingerprint());
        Violations v = new Violations();
        ExecRoom.check(List.of(a, b), 2, v);
        assertEquals(0, v.count(), () -> String.join("; ", v.descriptions()));
        ExecRoom.check(List.of(a, c), 2, v);
        assertEquals(1, v.count());
        a.add(new ExecEvent("node_started", null, "x", "late", -1, null, 9));
        assertEquals(1, a.afterTerminal());
        assertEquals(42, a.durationMs());
    }

    private static ExecTrace trace(String... nodes) {
        ExecTrace t = new ExecTrace("x");
        t.add(new ExecEvent("execution_started", null, "x", null, -1, null, 0));
        for (String n : nodes) {
            t.add(new ExecEvent("node_started", null, "x", n, -1, null, 1));
            t.add(new ExecEvent("node_completed", null, "x", n, 0, null, 2));
        }
        t.add(new ExecEvent("execution_completed", null, "x", null, 42, null, 3));
        assertTrue(t.done().isDone());
        return t;
    }

    @Test
    void summaryTakesMinNearestRankMedianAndMax() {
        assertEquals(new Summary(5, 1, 3, 9), Summary.of(9, 1, 3, 7, 2));
        assertEquals(new Summary(4, 1, 2, 9), Summary.of(9, 1, 3, 2), "the lower middle of an even count");
        assertEquals(new Summary(1, 4, 4, 4), Summary.of(4));
        assertTrue(Double.isNaN(Summary.of().median()));
    }

    @Test
    void benchNodesJarIsFoundFromTheEnvironmentOrTheCheckout(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path target = Files.createDirectories(dir.resolve("plugins/bench-nodes/target"));
        Path jar = Files.createFile(target.resolve("bench-nodes-0.1.0-SNAPSHOT.jar"));
        Files.createFile(target.resolve("bench-nodes-0.1.0-SNAPSHOT-sources.jar"));
        Path lib = Files.createDirectories(dir.resolve("modules/dist/target/flowcraft/lib"));
        assertEquals(Optional.of(jar), PluginJars.benchNodes(new Path[] {lib}, null, Path.of("/nonexistent")));
        assertEquals(Optional.of(jar), PluginJars.benchNodes(new Path[0], target.toString(), Path.of("/")));
        assertEquals(Optional.of(jar), PluginJars.benchNodes(new Path[0], null, dir));
        assertEquals(Optional.empty(), PluginJars.benchNodes(new Path[0], null, dir.resolve("elsewhere")));
    }
}
