package io.flowcraft.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versioned sync over WebSocket between real clients and a real server. */
class SyncTest {
    @TempDir
    Path dir;
    FlowcraftServer server;

    @BeforeEach
    void start() {
        server = FlowcraftServer.start(TestServers.config(dir));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void connectingSendsTheCurrentStateAtVersionZero() {
        try (WsClient c = WsClient.connect(server.port(), "graph=fresh")) {
            Map<String, Object> m = c.next("sync_graph");
            assertEquals(0L, WsClient.version(m));
            assertEquals(List.of(), WsClient.nodes(m));
            assertTrue(m.get("timestamp") instanceof String, "every message carries a timestamp");
        }
    }

    @Test
    void noGraphParameterJoinsTheDefaultGraph() {
        try (WsClient a = WsClient.connect(server.port(), ""); WsClient b = WsClient.connect(server.port(), "graph=default")) {
            a.next("sync_graph");
            b.next("sync_graph");
            a.sendSync(0, TestServers.graph(2, "d", 0), "x");
            assertEquals(1L, WsClient.version(b.next("sync_graph")));
        }
    }

    @Test
    void acceptedSyncIsBroadcastToTheRoomOnlyWithTheCorrelationId() {
        try (WsClient a = WsClient.connect(server.port(), "graph=room1");
             WsClient b = WsClient.connect(server.port(), "graph=room1");
             WsClient other = WsClient.connect(server.port(), "graph=room2")) {
            a.next("sync_graph");
            b.next("sync_graph");
            other.next("sync_graph");
            String graph = TestServers.graph(3, "first", 0);
            a.sendSync(0, graph, "req-1");
            for (WsClient c : List.of(a, b)) {
                Map<String, Object> m = c.next("sync_graph");
                assertEquals(1L, WsClient.version(m));
                assertEquals("req-1", m.get("correlationId"));
                assertEquals(3, WsClient.nodes(m).size());
            }
            other.expectNothing(Duration.ofMillis(300));
            try (WsClient late = WsClient.connect(server.port(), "graph=room1")) {
                Map<String, Object> m = late.next("sync_graph");
                assertEquals(1L, WsClient.version(m));
                assertEquals(3, WsClient.nodes(m).size());
            }
        }
    }

    @Test
    void staleSyncGetsTheAuthoritativeStateAndChangesNothing() {
        try (WsClient a = WsClient.connect(server.port(), "graph=g");
             WsClient b = WsClient.connect(server.port(), "graph=g")) {
            a.next("sync_graph");
            b.next("sync_graph");
            a.sendSync(0, TestServers.graph(2, "a", 0), "a1");
            a.next("sync_graph");
            b.next("sync_graph");
            b.sendSync(0, TestServers.graph(5, "stale", 0), "b1");
            Map<String, Object> reply = b.next("sync_graph");
            assertEquals("version_mismatch", reply.get("error"));
            assertEquals("b1", reply.get("correlationId"));
            assertEquals(1L, WsClient.version(reply));
            assertEquals(2, WsClient.nodes(reply).size());
            a.expectNothing(Duration.ofMillis(300));
            assertEquals(1L, server.store().current("g").version());
            assertEquals(2, server.store().current("g").graph().nodes().size());
        }
    }

    @Test
    void unknownNodeAndEdgeFieldsAndDiagramFieldsAreKept() {
        String graph = "{\"nodes\":[{\"id\":\"a\",\"type\":\"start\",\"position\":{\"x\":1.5,\"y\":2},"
                + "\"data\":{\"custom_data\":{\"k\":[1,null]}},\"width\":120,\"selected\":true}],"
                + "\"edges\":[{\"id\":\"e\",\"source\":\"a\",\"target\":\"a\",\"sourceHandle\":\"condtrue\","
                + "\"label\":\"topic\",\"data\":{\"contentType\":\"raw_text\"}}],"
                + "\"persons\":{\"Judge\":{\"service\":\"openai\"}},\"version\":\"light\"}";
        try (WsClient a = WsClient.connect(server.port(), "graph=extras")) {
            a.next("sync_graph");
            a.sendSync(0, graph, "c");
            Map<String, Object> m = a.next("sync_graph");
            Map<String, Object> g = io.flowcraft.graph.Fields.asObject(WsClient.payload(m).get("graph"));
            assertEquals(io.flowcraft.graph.Json.create().parse(graph), g);
        }
    }

    @Test
    void concurrentWritersOnOneVersionHaveExactlyOneWinnerAndEveryoneConverges() throws Exception {
        int writers = 12;
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                WsClient c = WsClient.connect(server.port(), "graph=race");
                c.next("sync_graph");
                clients.add(c);
            }
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    WsClient c = clients.get(i);
                    String graph = TestServers.graph(2, "w" + i, 0);
                    String id = "w" + i;
                    sent.add(pool.submit(() -> {
                        go.await();
                        c.sendSync(0, graph, id);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) {
                    f.get();
                }
            }
            int mismatches = 0;
            String winner = null;
            for (int i = 0; i < writers; i++) {
                WsClient c = clients.get(i);
                Map<String, Object> first = c.next("sync_graph");
                Map<String, Object> broadcast = first;
                if ("version_mismatch".equals(first.get("error"))) {
                    mismatches++;
                    assertEquals(1L, WsClient.version(first));
                    broadcast = c.next("sync_graph");
                } else if (!("w" + i).equals(first.get("correlationId"))) {
                    Map<String, Object> reply = c.next("sync_graph");
                    assertEquals("version_mismatch", reply.get("error"));
                    assertEquals(1L, WsClient.version(reply));
                    mismatches++;
                }
                assertEquals(null, broadcast.get("error"));
                assertEquals(1L, WsClient.version(broadcast), "every client ends on version 1");
                winner = winner == null ? (String) broadcast.get("correlationId") : winner;
                assertEquals(winner, broadcast.get("correlationId"), "everyone sees the same winner");
            }
            for (WsClient c : clients) {
                c.expectNothing(Duration.ofMillis(50));
            }
            assertEquals(writers - 1, mismatches, "exactly one writer wins, every other gets version_mismatch");
            assertEquals(1L, server.store().current("race").version());
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
