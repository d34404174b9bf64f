package io.flowcraft.bench;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A diagram for the engine scenarios, built from a shape: a start node, work nodes of the
 * bench-nodes plugin ({@code noop}, {@code sleep}) and an optional {@code endpoint}. The same
 * diagram is rendered as a protocol document (for {@code execute_diagram}) or as a {@link Graph}
 * (for the engine in-process).
 *
 * @param nodes the nodes, the start node first
 * @param edges the edges
 */
record ExecDiagram(List<Spec> nodes, List<Link> edges) {

    /** The id of the start node of every shape. */
    static final String START = "start";

    /**
     * One node.
     *
     * @param id   its id
     * @param type {@code start}, {@code noop}, {@code sleep} or {@code endpoint}
     * @param ms   for {@code sleep}: how long it waits; {@code -1} otherwise
     */
    record Spec(String id, String type, long ms) {
    }

    /**
     * One edge.
     *
     * @param source the source node id
     * @param target the target node id
     * @param label  the input name at the target, or {@code null} for the default input
     */
    record Link(String source, String target, String label) {
    }

    /** Canonical constructor: copies the lists. */
    ExecDiagram {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * {@code width} parallel chains of {@code layers} {@code noop} nodes: start → each node of the
     * first layer, node (layer i, column j) → (layer i+1, column j). No endpoint: the last layer's
     * nodes are the outputs.
     */
    static ExecDiagram layered(int width, int layers) {
        List<Spec> nodes = new ArrayList<>(width * layers + 1);
        List<Link> edges = new ArrayList<>(width * layers);
        nodes.add(new Spec(START, "start", -1));
        for (int layer = 0; layer < layers; layer++) {
            for (int col = 0; col < width; col++) {
                nodes.add(new Spec(cell(layer, col), "noop", -1));
                edges.add(new Link(layer == 0 ? START : cell(layer - 1, col), cell(layer, col), null));
            }
        }
        return new ExecDiagram(nodes, edges);
    }

    /** A linear chain of {@code length} nodes: start, {@code length - 2} {@code noop}s, endpoint. */
    static ExecDiagram chain(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("a chain has a start and an endpoint: length >= 2");
        }
        List<Spec> nodes = new ArrayList<>(length);
        List<Link> edges = new ArrayList<>(length - 1);
        nodes.add(new Spec(START, "start", -1));
        String previous = START;
        for (int i = 1; i < length - 1; i++) {
            String id = "n" + i;
            nodes.add(new Spec(id, "noop", -1));
            edges.add(new Link(previous, id, null));
            previous = id;
        }
        nodes.add(new Spec("end", "endpoint", -1));
        edges.add(new Link(previous, "end", null));
        return new ExecDiagram(nodes, edges);
    }

    /** Start → {@code width} {@code sleep} nodes of {@code ms} each → one endpoint joining them all (input {@code sI}). */
    static ExecDiagram fanOut(int width, long ms) {
        List<Spec> nodes = new ArrayList<>(width + 2);
        List<Link> edges = new ArrayList<>(2 * width);
        nodes.add(new Spec(START, "start", -1));
        for (int i = 0; i < width; i++) {
            String id = "s" + i;
            nodes.add(new Spec(id, "sleep", ms));
            edges.add(new Link(START, id, null));
            edges.add(new Link(id, "end", id));
        }
        nodes.add(new Spec("end", "endpoint", -1));
        return new ExecDiagram(nodes, edges);
    }

    /** The id of the node in {@code layer} and {@code column} of a layered diagram. */
    static String cell(int layer, int column) {
        return "n" + layer + "_" + column;
    }

    /** Nodes of a type. */
    long count(String type) {
        return nodes.stream().filter(n -> n.type().equals(type)).count();
    }

    /** The diagram as a protocol document: {@code {"nodes":[…],"edges":[…]}}. */
    String json() {
        StringBuilder sb = new StringBuilder(nodes.size() * 80 + edges.size() * 60);
        sb.append("{\"nodes\":[");
        for (int i = 0; i < nodes.size(); i++) {
            Spec n = nodes.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(n.id()).append("\",\"type\":\"").append(n.type())
                    .append("\",\"position\":{\"x\":0,\"y\":0},\"data\":{");
            if (n.ms() >= 0) {
                sb.append("\"ms\":").append(n.ms());
            }
            sb.append("}}");
        }
        sb.append("],\"edges\":[");
        for (int i = 0; i < edges.size(); i++) {
            Link e = edges.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"source\":\"").append(e.source())
                    .append("\",\"target\":\"").append(e.target()).append('"');
            if (e.label() != null) {
                sb.append(",\"label\":\"").append(e.label()).append('"');
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    /** The diagram as a graph for the engine. */
    Graph graph() {
        List<Node> graphNodes = new ArrayList<>(nodes.size());
        for (Spec n : nodes) {
            graphNodes.add(Node.create(n.id(), n.type(), Position.ORIGIN, n.ms() >= 0 ? Map.of("ms", n.ms()) : Map.of()));
        }
        List<Edge> graphEdges = new ArrayList<>(edges.size());
        for (int i = 0; i < edges.size(); i++) {
            Link e = edges.get(i);
            graphEdges.add(new Edge("e" + i, e.source(), e.target(), Optional.empty(), Optional.empty(), Map.of(),
                    e.label() == null ? Map.of() : Map.of("label", e.label())));
        }
        return Graph.of(graphNodes, graphEdges);
    }
}
