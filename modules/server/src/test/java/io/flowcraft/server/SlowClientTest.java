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
    void aClientThatNeverReadsDoesNotDelayOthersAndIsDisconnected() {
        // a small outbound queue (64 messages / 4 MiB) so the slow client overflows quickly
        try (FlowcraftServer server = FlowcraftServer.start(TestServers.config(dir, 1 << 20, 1000, 1000, 64, 4L << 20));
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
