package io.flowcraft.graph;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real SQLite stores in a test's temporary directory, and small graphs to put in them. */
final class StoreFixtures {
    static final GraphCodec CODEC = GraphCodec.create(Json.create());
    static final GraphLimits LIMITS = new GraphLimits(50, 100);

    private StoreFixtures() {
    }

    static StoreConfig config(Path dir, int historyMaxVersions, Duration historyMaxAge) {
        return new StoreConfig(dir, LIMITS, historyMaxVersions, historyMaxAge, false);
    }

    static GraphStore open(Path dir) {
        return GraphStore.openSqlite(config(dir, 1000, Duration.ZERO), CODEC);
    }

    static GraphStore open(StoreConfig config) {
        return GraphStore.openSqlite(config, CODEC);
    }

    /** A chain of {@code n} nodes {@code n0 → n1 → …} whose data records {@code label}. */
    static Graph chain(int n, String label) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(Node.create("n" + i, "job", new Position(i * 100.5, -i), Map.of("label", label, "i", i)));
            if (i > 0) {
                edges.add(Edge.create("e" + i, "n" + (i - 1), "n" + i));
            }
        }
        return new Graph(nodes, edges, Map.of("persons", Map.of("p", Map.of("service", "openai"))));
    }

    static CommitOrigin by(String author) {
        return CommitOrigin.of(author);
    }
}
