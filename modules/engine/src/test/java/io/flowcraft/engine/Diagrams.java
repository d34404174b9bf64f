package io.flowcraft.engine;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compact way to write diagrams in tests. */
final class Diagrams {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    static Diagrams diagram() {
        return new Diagrams();
    }

    Diagrams node(String id, String type, Object... keyValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put((String) keyValues[i], keyValues[i + 1]);
        }
        nodes.add(Node.create(id, type, new Position(nodes.size() * 100, 0), data));
        return this;
    }

    /** An edge; {@code from} may be {@code id[handle]}, {@code to} may be {@code id[handle]}. */
    Diagrams edge(String from, String to) {
        return edge(from, to, null);
    }

    Diagrams edge(String from, String to, String label) {
        return edge(from, to, label, Map.of());
    }

    /** An edge with {@code data} (e.g. {@code contentType}). */
    Diagrams edge(String from, String to, String label, Map<String, Object> data) {
        String[] f = split(from);
        String[] t = split(to);
        Map<String, Object> extra = new HashMap<>();
        if (label != null) {
            extra.put("label", label);
        }
        edges.add(new Edge("e" + edges.size(), f[0], t[0], Optional.ofNullable(f[1]), Optional.ofNullable(t[1]),
                data, extra));
        return this;
    }

    Graph build() {
        return Graph.of(nodes, edges);
    }

    private static String[] split(String ref) {
        int i = ref.indexOf('[');
        return i < 0 ? new String[]{ref, null} : new String[]{ref.substring(0, i), ref.substring(i + 1, ref.length() - 1)};
    }
}
