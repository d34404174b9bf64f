package io.flowcraft.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates realistic, deterministic graphs in the protocol's React Flow shape: {@code job} nodes
 * with a label and a few executor fields (about 170 bytes each) laid out on a grid, and as many edges
 * as nodes forming a connected DAG (about 45 bytes each), so that a 1,000-node snapshot is about
 * 216 KB.
 */
final class GraphGenerator {

    private static final String[] LANGUAGES = {"python", "javascript", "bash"};

    private GraphGenerator() {
    }

    /**
     * Generates a graph.
     *
     * @param nodes number of nodes (at least 1)
     * @param edges number of edges
     * @param seed  the random seed: the same arguments give the same graph
     * @return the graph, ready to render
     */
    static GraphTemplate generate(int nodes, int edges, long seed) {
        if (nodes < 1 || edges < 0) {
            throw new IllegalArgumentException("need at least one node and no negative edge count");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<JsonObject> nodeList = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            nodeList.add(node(i, random));
        }
        StringBuilder edgeJson = new StringBuilder(edges * 48 + 2).append('[');
        for (int e = 0; e < edges; e++) {
            int target = nodes == 1 ? 0 : 1 + e % (nodes - 1);
            int source = random.nextInt(target == 0 ? 1 : target);
            if (e > 0) {
                edgeJson.append(',');
            }
            edgeJson.append(Json.createObjectBuilder()
                    .add("id", "e" + e)
                    .add("source", nodeId(source))
                    .add("target", nodeId(target))
                    .build());
        }
        return new GraphTemplate(nodeList, edgeJson.append(']').toString());
    }

    /** The id of node {@code i}. */
    static String nodeId(int i) {
        return "n" + i;
    }

    private static JsonObject node(int i, SplittableRandom random) {
        String language = LANGUAGES[i % LANGUAGES.length];
        return Json.createObjectBuilder()
                .add("id", nodeId(i))
                .add("type", "job")
                .add("position", GraphTemplate.position(i % 40 * 220, i / 40 * 140))
                .add("data", Json.createObjectBuilder()
                        .add("label", "Job " + i)
                        .add("language", language)
                        .add("code", "result = inputs['x'] * " + random.nextInt(1, 1000))
                        .add("retries", random.nextInt(4))
                        .add("tags", Json.createArrayBuilder().add("bench").add("stage-" + i % 7)))
                .build();
    }
}
