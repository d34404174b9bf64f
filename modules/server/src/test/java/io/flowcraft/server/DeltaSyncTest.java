package io.flowcraft.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta sync: patches, rebase, conflicts, mixed rooms and resume, with real clients. */
class DeltaSyncTest {
    @TempDir
    Path dir;
    FlowcraftServer server;

    @BeforeEach
    void start() {
        server = FlowcraftServer.start(TestServers.config(dir));
        TestServers.seed(server, "d", TestServers.graph(4, "seed", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WsClient patchClient(String graph) {
        WsClient c = WsClient.connect(server.port(), "graph=" + graph + "&protocol=2");
        c.next("sync_graph");
        return c;
    }

    private static String move(long base, String node, int x, String correlationId) {
        return "{\"type\":\"patch_graph\",\"correlationId\":\"" + correlationId + "\",\"payload\":{\"baseVersion\":" + base
                + ",\"ops\":[{\"op\":\"update_node\",\"id\":\"" + node + "\",\"position\":{\"x\":" + x + ",\"y\":0}}]}}";
    }

    private static String patch(long base, String opsJson, String correlationId) {
        return "{\"type\":\"patch_graph\",\"correlationId\":\"" + correlationId + "\",\"payload\":{\"baseVersion\":" + base
                + ",\"ops\":" + opsJson + "}}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> node(Map<String, Object> graph, String id) {
        return ((List<Object>) graph.get("nodes")).stream().map(n -> (Map<String, Object>) n)
                .filter(n -> id.equals(n.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void patchesToDifferentNodesFromTheSameBaseBothSucceed() {
        try (WsClient a = patchClient("d"); WsClient b = patchClient("d")) {
            a.send(move(1, "n0", 100, "a"));
            b.send(move(1, "n1", 200, "b"));
            Map<String, Object> first = a.next("graph_patch");
            Map<String, Object> second = a.next("graph_patch");
            assertEquals(List.of(2L, 3L), List.of(WsClient.version(first), WsClient.version(second)));
            assertEquals(first, b.next("graph_patch"));
            assertEquals(second, b.next("graph_patch"));
            assertTrue(((String) WsClient.payload(first).get("author")).startsWith("c"));
            Map<String, Object> graph = io.flowcraft.graph.Fields.asObject(
                    io.flowcraft.graph.Json.create().parse(server.store().current("d").graphJson()));
            assertEquals(100L, ((Map<?, ?>) node(graph, "n0").get("position")).get("x"));
            assertEquals(200L, ((Map<?, ?>) node(graph, "n1").get("position")).get("x"));
        }
    }

    @Test
    void samePositionFromBothIsAcceptedOnceAndTheOtherIsRejectedNamingIt() {
        try (WsClient a = patchClient("d"); WsClient b = patchClient("d")) {
            a.send(move(1, "n2", 10, "a"));
            assertEquals(2L, WsClient.version(a.next("graph_patch")));
            b.next("graph_patch");
            b.send(move(1, "n2", 20, "b"));
            Map<String, Object> rejected = b.next("patch_rejected");
            assertEquals("b", rejected.get("correlationId"));
            Map<String, Object> p = WsClient.payload(rejected);
            assertEquals(1L, p.get("baseVersion"));
            assertEquals(2L, p.get("version"));
            assertEquals(List.of(Map.of("id", "n2", "field", "position")), p.get("conflicts"));
            assertEquals(1, ((List<?>) p.get("ops")).size(), "the ops accepted since the base, to rebase on");
            a.expectNothing(Duration.ofMillis(200));
            assertEquals(2L, server.store().current("d").version());
        }
    }

    @Test
    void removeVersusUpdateOfTheSameNodeConflicts() {
        try (WsClient a = patchClient("d"); WsClient b = patchClient("d")) {
            a.send(patch(1, "[{\"op\":\"remove_node\",\"id\":\"n3\"}]", "rm"));
            Map<String, Object> removed = a.next("graph_patch");
            List<?> ops = (List<?>) WsClient.payload(removed).get("ops");
            assertEquals("remove_edge", ((Map<?, ?>) ops.getFirst()).get("op"), "its edge goes too, explicitly");
            b.next("graph_patch");
            b.send(patch(1, "[{\"op\":\"update_node\",\"id\":\"n3\",\"data\":{\"label\":\"x\"}}]", "up"));
            Map<String, Object> p = WsClient.payload(b.next("patch_rejected"));
            assertEquals(List.of(Map.of("id", "n3", "field", "removed")), p.get("conflicts"));
        }
    }

    @Test
    void differentDataKeysOfOneNodeRebase() {
        try (WsClient a = patchClient("d"); WsClient b = patchClient("d")) {
            a.send(patch(1, "[{\"op\":\"update_node\",\"id\":\"n0\",\"data\":{\"title\":\"A\"}}]", "a"));
            a.next("graph_patch");
            b.next("graph_patch");
            b.send(patch(1, "[{\"op\":\"update_node\",\"id\":\"n0\",\"data\":{\"note\":\"B\",\"label\":null}}]", "b"));
            assertEquals(3L, WsClient.version(b.next("graph_patch")));
            Map<String, Object> data = io.flowcraft.graph.Fields.asObject(node(io.flowcraft.graph.Fields.asObject(
                    io.flowcraft.graph.Json.create().parse(server.store().current("d").graphJson())), "n0").get("data"));
            assertEquals("A", data.get("title"));
            assertEquals("B", data.get("note"));
            assertTrue(!data.containsKey("label"), "null deletes a key");
        }
    }

    @Test
    void invalidOpsListEveryProblemAndChangeNothing() {
        try (WsClient a = patchClient("d")) {
            a.send(patch(1, "[{\"op\":\"remove_node\",\"id\":\"ghost\"},{\"op\":\"add_node\",\"node\":{\"id\":\"n0\",\"type\":\"t\","
                    + "\"position\":{\"x\":0,\"y\":0}}},{\"op\":\"add_edge\",\"edge\":{\"id\":\"e9\",\"source\":\"n1\",\"target\":\"nowhere\"}}]", "bad"));
            Map<String, Object> p = a.nextError("invalid_graph");
            List<?> codes = ((List<?>) ((Map<?, ?>) p.get("details")).get("problems")).stream()
                    .map(x -> ((Map<?, ?>) x).get("code")).toList();
            assertEquals(List.of("unknown_node", "duplicate_node_id"), codes.subList(0, 2));
            a.send(patch(1, "[{\"op\":\"teleport\",\"id\":\"n0\"}]", "unknown-op"));
            assertEquals("payload.ops[0].op", ((Map<?, ?>) a.nextError("invalid_message").get("details")).get("field"));
            a.send(patch(7, "[]", "future"));
            a.nextError("invalid_message");
            assertEquals(1L, server.store().current("d").version());
        }
    }

    @Test
    void legacyAndPatchClientsInOneRoomBothStayCorrect() {
        try (WsClient legacy = WsClient.connect(server.port(), "graph=d"); WsClient modern = patchClient("d")) {
            legacy.next("sync_graph");
            modern.send(move(1, "n0", 55, "m"));
            Map<String, Object> snapshot = legacy.next("sync_graph");
            assertEquals(2L, WsClient.version(snapshot));
            assertEquals(55L, ((Map<?, ?>) node(io.flowcraft.graph.Fields.asObject(WsClient.payload(snapshot).get("graph")), "n0")
                    .get("position")).get("x"));
            modern.next("graph_patch");
            legacy.sendSync(2, TestServers.graph(2, "legacy", 0), "l");
            Map<String, Object> diff = modern.next("graph_patch");
            assertEquals(3L, WsClient.version(diff));
            assertEquals("l", diff.get("correlationId"));
            List<?> ops = (List<?>) WsClient.payload(diff).get("ops");
            assertEquals(List.of("remove_edge", "remove_edge", "update_node", "update_node", "remove_node", "remove_node"),
                    ops.stream().map(o -> ((Map<?, ?>) o).get("op")).toList(), "the snapshot arrives as its difference");
            assertEquals(3L, WsClient.version(legacy.next("sync_graph")));
        }
    }

    @Test
    void helloSwitchesToPatchesAndResumeWithSinceReplaysTheMissedOps() {
        try (WsClient a = WsClient.connect(server.port(), "graph=d")) {
            a.next("sync_graph");
            a.send("{\"type\":\"hello\",\"correlationId\":\"h\",\"payload\":{\"capabilities\":[\"patch\"]}}");
            Map<String, Object> hello = a.next("hello");
            assertEquals(List.of("patch"), WsClient.payload(hello).get("capabilities"));
            assertEquals(1L, WsClient.payload(hello).get("version"));
            for (int i = 0; i < 3; i++) {
                a.send(move(1 + i, "n" + i, i, "m" + i));
                assertEquals(2L + i, WsClient.version(a.next("graph_patch")));
            }
        }
        try (WsClient back = WsClient.connect(server.port(), "graph=d&since=2")) {
            Map<String, Object> first = back.next("graph_patch");
            assertEquals(3L, WsClient.version(first));
            assertEquals(4L, WsClient.version(back.next("graph_patch")));
            back.expectNothing(Duration.ofMillis(200));
        }
        try (WsClient fresh = WsClient.connect(server.port(), "graph=d&since=99")) {
            assertEquals(4L, WsClient.version(fresh.next("sync_graph")), "a version the history lacks: a snapshot");
        }
    }
}
