package io.flowcraft.graph;

import io.flowcraft.api.GraphOp;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a patch can be rebased over the changes accepted since its base version.
 *
 * <p>Two operations conflict when they write the same thing (a node's position, one key of its
 * data, one of its other fields, an edge field, a diagram field), or when one adds or removes a
 * node or edge that the other refers to in any way (an edge refers to its end nodes). Everything
 * else commutes: moving node A and editing node B, or two different data keys of one node, both
 * apply. Stateless; thread-safe.
 */
public final class Conflicts {
    private Conflicts() {
    }

    /** What one operation touches: entities it adds or removes, entities it refers to, fields it writes. */
    private record Touch(Map<String, String> structural, Set<String> refs, Map<String, Conflict> fine) {
    }

    /**
     * The conflicts between a patch and the operations accepted since its base.
     *
     * @param patch    the patch's operations
     * @param accepted the operations accepted after the patch's base version, in order
     * @return every conflict, empty when the patch can be rebased
     */
    public static List<Conflict> between(List<GraphOp> patch, List<GraphOp> accepted) {
        Touch mine = touch(patch);
        Touch theirs = touch(accepted);
        Set<Conflict> out = new LinkedHashSet<>();
        theirs.structural().forEach((entity, what) -> {
            if (mine.refs().contains(entity)) {
                out.add(structural(entity, what));
            }
        });
        mine.structural().forEach((entity, what) -> {
            if (theirs.refs().contains(entity)) {
                out.add(structural(entity, theirs.structural().getOrDefault(entity, what)));
            }
        });
        mine.fine().forEach((key, c) -> {
            if (theirs.fine().containsKey(key)) {
                out.add(c);
            }
        });
        return List.copyOf(out);
    }

    private static Conflict structural(String entity, String field) {
        return new Conflict(entity.substring(2), field);
    }

    private static Touch touch(List<GraphOp> ops) {
        Map<String, String> structural = new java.util.LinkedHashMap<>();
        Set<String> refs = new LinkedHashSet<>();
        Map<String, Conflict> fine = new HashMap<>();
        for (GraphOp op : ops) {
            switch (op) {
                case GraphOp.AddNode a -> {
                    structural.put("n:" + a.node().id(), "added");
                    refs.add("n:" + a.node().id());
                }
                case GraphOp.RemoveNode r -> {
                    structural.put("n:" + r.id(), "removed");
                    refs.add("n:" + r.id());
                }
                case GraphOp.UpdateNode u -> {
                    refs.add("n:" + u.id());
                    u.position().ifPresent(p -> fine.put("n:" + u.id() + ":position", new Conflict(u.id(), "position")));
                    u.data().keySet().forEach(k -> fine.put("n:" + u.id() + ":data." + k, new Conflict(u.id(), "data." + k)));
                    u.fields().keySet().forEach(k -> fine.put("n:" + u.id() + ":" + k, new Conflict(u.id(), k)));
                }
                case GraphOp.AddEdge a -> {
                    structural.put("e:" + a.edge().id(), "added");
                    refs.add("e:" + a.edge().id());
                    refs.add("n:" + a.edge().source());
                    refs.add("n:" + a.edge().target());
                }
                case GraphOp.RemoveEdge r -> {
                    structural.put("e:" + r.id(), "removed");
                    refs.add("e:" + r.id());
                }
                case GraphOp.UpdateEdge u -> {
                    refs.add("e:" + u.id());
                    u.data().keySet().forEach(k -> fine.put("e:" + u.id() + ":data." + k, new Conflict(u.id(), "data." + k)));
                    u.fields().forEach((k, v) -> {
                        fine.put("e:" + u.id() + ":" + k, new Conflict(u.id(), k));
                        if ((k.equals("source") || k.equals("target")) && v instanceof String node) {
                            refs.add("n:" + node);
                        }
                    });
                }
                case GraphOp.SetField s -> fine.put("g:" + s.key(), new Conflict("", s.key()));
            }
        }
        return new Touch(structural, refs, fine);
    }
}
