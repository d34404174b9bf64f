package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPartsTest {

    @Test
    void generatedGraphIsValidJsonOfTheExpectedSize() {
        GraphTemplate g = GraphGenerator.generate(1000, 1000, 42);
        String json = g.render();
        JsonObject graph = Json.createReader(new StringReader(json)).readObject();
        assertEquals(1000, graph.getJsonArray("nodes").size());
        assertEquals(1000, graph.getJsonArray("edges").size());
        assertTrue(json.length() > 190_000 && json.length() < 240_000, "snapshot size " + json.length());
        JsonObject node = graph.getJsonArray("nodes").getJsonObject(5);
        assertEquals("job", node.getString("type"));
        assertEquals("Job 5", node.getJsonObject("data").getString("label"));
        assertEquals(json, GraphGenerator.generate(1000, 1000, 42).render(), "deterministic");
    }

    @Test
    void renderMovesOnlyTheChosenNode() {
        GraphTemplate g = GraphGenerator.generate(10, 10, 1);
        JsonObject graph = Json.createReader(new StringReader(g.render(4, 123, 456))).readObject();
        JsonObject moved = graph.getJsonArray("nodes").getJsonObject(4);
        assertEquals(123, moved.getJsonObject("position").getInt("x"));
        assertEquals(456, moved.getJsonObject("position").getInt("y"));
        assertEquals(List.copyOf(moved.keySet()), List.of("id", "type", "position", "data"));
        assertEquals(Json.createReader(new StringReader(g.render())).readObject().getJsonArray("nodes").get(3),
                graph.getJsonArray("nodes").get(3));
    }

    @Test
    void edgesPointAtExistingNodes() {
        JsonObject graph = Json.createReader(new StringReader(GraphGenerator.generate(30, 30, 7).render())).readObject();
        var ids = graph.getJsonArray("nodes").getValuesAs(JsonObject.class).stream().map(n -> n.getString("id")).toList();
        for (JsonObject e : graph.getJsonArray("edges").getValuesAs(JsonObject.class)) {
            assertTrue(ids.contains(e.getString("source")) && ids.contains(e.getString("target")), e.toString());
        }
    }

    @Test
    void parsesOptions() {
        BenchOptions o = BenchOptions.parse("--url", "ws://127.0.0.1:8080/ws", "--pid=12", "--scenarios", "sync-1w, sync-10w",
                "--quick", "--json", "--readers", "5");
        assertEquals(URI.create("ws://127.0.0.1:8080/ws"), o.url());
        assertEquals(12, o.pid());
        assertEquals(List.of("sync-1w", "sync-10w"), o.scenarios());
        assertEquals(5, o.pick(o.readers(), 100, 10));
        assertEquals(20, o.pick(o.edits(), 200, 20));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--pid", "3"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--url", "http://localhost/ws"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--url", "ws://10.1.2.3/ws"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--readers", "x"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> Scenarios.select(List.of("nope")));
        assertEquals(19, Scenarios.select(List.of()).size());
    }

    @Test
    void appendsTheGraphIdToTheEndpoint() {
        assertEquals(URI.create("ws://h:1/ws?graph=g1"), BenchOptions.graphUri(URI.create("ws://h:1/ws"), "g1"));
        assertEquals(URI.create("ws://h:1/ws?token=t&graph=g1"),
                BenchOptions.graphUri(URI.create("ws://h:1/ws?token=t"), "g1"));
    }

    @Test
    void parsesProcStat() {
        String stat = "4242 (java (weird) name) S 1 4242 4242 0 -1 4194560 1 0 0 0 150 25 0 0 20 0 30 0 100 0 0";
        assertEquals(175, ProcSampler.parseCpuTicks(stat));
        assertEquals("127.0.0.1", ServerLauncher.loopback("0.0.0.0"));
        assertEquals("localhost", ServerLauncher.loopback("localhost"));
    }

    @Test
    void helpPrintsUsageAndBadArgumentsExitWithTwo() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(0, Bench.run(new String[] {"--help"}, new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(out.toString().contains("--scenarios") && out.toString().contains("sync-10w"), out.toString());
        assertEquals(2, Bench.run(new String[] {"--nope"}, new java.io.PrintStream(out), new java.io.PrintStream(err)));
    }
}
