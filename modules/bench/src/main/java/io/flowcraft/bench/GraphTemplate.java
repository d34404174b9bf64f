package io.flowcraft.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated graph whose node and edge JSON is rendered once, so that producing the graph with one
 * node moved (what an editing client sends) costs a string concatenation instead of a JSON build.
 */
final class GraphTemplate {

    private final List<String> nodeJson;
    private final List<JsonObject> nodes;
    private final String edgesJson;
    private final int size;

    GraphTemplate(List<JsonObject> nodes, String edgesJson) {
        this.nodes = List.copyOf(nodes);
        this.edgesJson = edgesJson;
        List<String> rendered = new ArrayList<>(nodes.size());
        int total = 0;
        for (JsonObject node : nodes) {
            String json = node.toString();
            rendered.add(json);
            total += json.length() + 1;
        }
        this.nodeJson = List.copyOf(rendered);
        this.size = total + edgesJson.length() + 32;
    }

    /** Number of nodes. */
    int nodeCount() {
        return nodes.size();
    }

    /** The graph as generated. */
    String render() {
        return render(-1, 0, 0);
    }

    /**
     * The graph with node {@code moved} at position ({@code x}, {@code y}).
     *
     * @param moved the index of the node to move, or {@code -1} to move none
     * @param x     its new x
     * @param y     its new y
     * @return the graph JSON {@code {"nodes":[...],"edges":[...]}}
     */
    String render(int moved, int x, int y) {
        StringBuilder sb = new StringBuilder(size + 64).append("{\"nodes\":[");
        for (int i = 0; i < nodeJson.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (i == moved) {
                sb.append(Json.createObjectBuilder(nodes.get(i)).add("position", position(x, y)).build());
            } else {
                sb.append(nodeJson.get(i));
            }
        }
        return sb.append("],\"edges\":").append(edgesJson).append('}').toString();
    }

    /** A {@code {"x", "y"}} position. */
    static JsonObject position(int x, int y) {
        return Json.createObjectBuilder().add("x", x).add("y", y).build();
    }
}
