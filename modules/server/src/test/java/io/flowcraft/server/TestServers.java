package io.flowcraft.server;

import io.flowcraft.server.config.FlowcraftConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configurations and graphs for tests: a real server on an ephemeral loopback port.
 */
final class TestServers {
    private TestServers() {
    }

    static FlowcraftConfig config(Path dir) {
        return config(dir, 1 << 20, 100, 200, 1024, 32L << 20);
    }

    static FlowcraftConfig config(Path dir, int maxMessageBytes, int maxNodes, int maxEdges, int queueMessages,
                                  long queueBytes) {
        return new FlowcraftConfig("127.0.0.1", 0, dir.resolve("data"), dir.resolve("plugins"),
                new FlowcraftConfig.WebSocket(maxMessageBytes, 4 * maxMessageBytes, List.of("http://allowed.example"),
                        queueMessages, queueBytes),
                maxNodes, maxEdges, 50, Duration.ZERO, true, Duration.ofSeconds(2), true,
                new FlowcraftConfig.Execution(Path.of("files"), 64, Duration.ofSeconds(30), 100));
    }

    /**
     * Stores a graph as version 1 of a new graph, through a real WebSocket client.
     *
     * @param server    the server
     * @param graphId   the graph
     * @param graphJson its content
     */
    static void seed(FlowcraftServer server, String graphId, String graphJson) {
        try (WsClient seed = WsClient.connect(server.port(), "graph=" + graphId)) {
            seed.next("sync_graph");
            seed.sendSync(0, graphJson, "seed");
            seed.next("sync_graph");
        }
    }

    /** A chain of {@code n} nodes, with a payload of {@code pad} characters in each node's data. */
    static String graph(int n, String tag, int pad) {
        StringBuilder sb = new StringBuilder("{\"nodes\":[");
        String padding = (tag + "-").repeat(pad / (tag.length() + 1) + 1).substring(0, pad);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"type\":\"job\",\"position\":{\"x\":")
                    .append(i * 10).append(",\"y\":").append(i).append("},\"data\":{\"label\":\"").append(tag)
                    .append("\",\"pad\":\"").append(padding).append("\"}}");
        }
        sb.append("],\"edges\":[");
        for (int i = 1; i < n; i++) {
            sb.append(i == 1 ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"source\":\"n").append(i - 1)
                    .append("\",\"target\":\"n").append(i).append("\"}");
        }
        return sb.append("]}").toString();
    }
}
