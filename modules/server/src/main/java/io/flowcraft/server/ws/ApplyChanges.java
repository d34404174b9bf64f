package io.flowcraft.server.ws;

import io.flowcraft.api.GraphOp;
import io.flowcraft.graph.Commit;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.Json;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;

/**
 * Writes the {@code apply_changes} payload of an action's commit:
 * {@code {"add", "update", "remove", "addEdges", "removeEdges", "version", "actionId"}}, from the
 * operations as they took effect (so edges removed with a node are listed too). Thread-safe.
 */
final class ApplyChanges {
    private final GraphCodec codec;

    ApplyChanges(GraphCodec codec) {
        this.codec = codec;
    }

    String payload(Commit commit, String actionId) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = codec.json().generator(out)) {
            g.writeStartObject();
            g.writeStartArray("add");
            commit.ops().forEach(op -> {
                if (op instanceof GraphOp.AddNode a) {
                    codec.writeNode(g, a.node());
                }
            });
            g.writeEnd();
            g.writeStartArray("update");
            commit.ops().forEach(op -> {
                if (op instanceof GraphOp.UpdateNode u) {
                    g.writeStartObject().write("id", u.id());
                    u.position().ifPresent(p -> g.writeStartObject("position").write("x", p.x()).write("y", p.y()).writeEnd());
                    if (!u.data().isEmpty()) {
                        Json.writeField(g, "data", u.data());
                    }
                    u.fields().forEach((k, v) -> Json.writeField(g, k, v));
                    g.writeEnd();
                }
            });
            g.writeEnd();
            g.writeStartArray("remove");
            commit.ops().forEach(op -> {
                if (op instanceof GraphOp.RemoveNode r) {
                    g.write(r.id());
                }
            });
            g.writeEnd();
            g.writeStartArray("addEdges");
            commit.ops().forEach(op -> {
                if (op instanceof GraphOp.AddEdge a) {
                    codec.writeEdge(g, a.edge());
                }
            });
            g.writeEnd();
            g.writeStartArray("removeEdges");
            commit.ops().forEach(op -> {
                if (op instanceof GraphOp.RemoveEdge r) {
                    g.write(r.id());
                }
            });
            g.writeEnd();
            g.write("version", commit.version());
            g.write("actionId", actionId);
            g.writeEnd();
        }
        return out.toString();
    }
}
