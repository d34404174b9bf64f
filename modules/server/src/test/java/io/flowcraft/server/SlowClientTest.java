package io.flowcraft.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that never reads neither delays the others nor holds memory: it is disconnected. */
class SlowClientTest {
    @TempDir
    Path dir;

    @Test
    void aPatchClientThatFallsBehindIsSentASnapshotInsteadOfMissingOps() {
        try (FlowcraftServer server = FlowcraftServer.start(TestServers.config(dir, 1 << 20, 1000, 1000, 16, 4L << 20));
             WsClient writer = WsClient.connect(server.port(), "graph=lag");
             WsClient lagging = WsClient.nonReading(server.port(), "graph=lag&protocol=2")) {
            writer.next("sync_graph");
            int edits = 40;
            for (int v = 0; v < edits; v++) {
                writer.sendSync(v, TestServers.graph(200, "v" + v, 2000), "e" + v);
                assertEquals(v + 1L, WsClient.version(writer.next("sync_graph")));
            }
            lagging.startReading();
            assertEquals(0L, WsClient.version(lagging.next("sync_graph")), "the initial state");
            long version = 0;
            boolean resynced = false;
            while (version < edits) {
                Map<String, Object> m = lagging.next();
                long v = WsClient.version(m);
                if ("sync_graph".equals(m.get("type"))) {
                    resynced = true;
                    assertTrue(v > version, "a snapshot moves the client forward");
                } else {
                    assertEquals("graph_patch", m.get("type"));
                    assertEquals(version + 1, v, "after a snapshot, patches continue without a gap");
                }
                version = v;
            }
            assertTrue(resynced, "the lagging client was sent a snapshot");
            assertEquals(2, server.clients("lag"), "it stays connected");
        }
    }

    @Test
    void aClientThatNeverReadsDoesNotDelayOthersAndIsDisconnected() {
        // a small outbound queue (16 messages / 4 MiB) so the slow client overflows quickly: it is
        // sent a snapshot in place of its backlog three times, then disconnected
        try (FlowcraftServer server = FlowcraftServer.start(TestServers.config(dir, 1 << 20, 1000, 1000, 16, 4L << 20));
             WsClient writer = WsClient.connect(server.port(), "graph=slow");
             WsClient reader = WsClient.connect(server.port(), "graph=slow");
             WsClient slow = WsClient.nonReading(server.port(), "graph=slow")) {
            writer.next("sync_graph");
            reader.next("sync_graph");
            long worstMillis = 0;
            int edits = 150;
            for (int v = 0; v < edits; v++) {
                long start = System.nanoTime();
                writer.sendSync(v, TestServers.graph(200, "v" + v, 300), "e" + v);
                assertEquals(v + 1L, WsClient.version(writer.next("sync_graph")));
                assertEquals(v + 1L, WsClient.version(reader.next("sync_graph")));
                worstMillis = Math.max(worstMillis, (System.nanoTime() - start) / 1_000_000);
            }
            // ~75 KB per message: the slow client's socket buffers and queue overflow long before 150 edits
            assertTrue(worstMillis < 2_000, "an edit reached the reading client in at most " + worstMillis + " ms");
            assertEquals(2, server.clients("slow"), "the slow client has left the room");
            slow.startReading();
            String close = slow.awaitClose();
            assertTrue(close.startsWith("1008") && close.contains("too slow") || close.startsWith("error"),
                    () -> "the slow client was disconnected with a reason: " + close);
            // the server still serves everyone else
            writer.sendSync(edits, TestServers.graph(2, "end", 0), "end");
            Map<String, Object> m = reader.next("sync_graph");
            assertEquals(edits + 1L, WsClient.version(m));
            reader.expectNothing(Duration.ofMillis(100));
        }
    }
}
