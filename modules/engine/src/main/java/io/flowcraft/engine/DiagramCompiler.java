package io.flowcraft.engine;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.HandleSpec;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a diagram into a {@link Plan}, or lists every problem that keeps it from running: unknown
 * node types, no start node, edges to missing nodes or handles, loops no condition controls,
 * missing or ill-typed fields.
 */
final class DiagramCompiler {
    static final String START = "start";
    static final String ENDPOINT = "endpoint";
    static final String FIRST = "first";
    static final String DEFAULT = "default";

    private final ExecutorRegistry registry;
    private final int defaultMaxIteration;

    DiagramCompiler(ExecutorRegistry registry, int defaultMaxIteration) {
        this.registry = registry;
        this.defaultMaxIteration = defaultMaxIteration;
    }

    /** The plan, or the problems. */
    sealed interface Result {
    }

    record Compiled(Plan plan) implements Result {
    }

    record Invalid(List<Problem> problems) implements Result {
    }

    Result compile(Graph graph) {
        List<Problem> problems = new ArrayList<>();
        List<Node> nodes = graph.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>();
        NodeExecutor[] executors = new NodeExecutor[n];
        String[] types = new String[n];
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            if (index.putIfAbsent(node.id(), i) != null) {
                problems.add(new Problem("duplicate_id", "two nodes have the id '" + node.id() + "'", node.id()));
            }
            types[i] = node.type().toLowerCase(Locale.ROOT);
            Optional<NodeExecutor> executor = registry.find(types[i]);
            if (executor.isEmpty()) {
                problems.add(new Problem("unknown_node_type", "node " + describe(node) + " has type '" + node.type()
                        + "', which no plugin provides", node.id()));
            } else {
                executors[i] = executor.get();
                checkFields(node, executor.get().descriptor(), problems);
            }
            if (START.equals(types[i])) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            problems.add(new Problem("missing_start_node", "the diagram has no start node: add a node of type 'start'", ""));
        }

        List<Edge> edges = graph.edges();
        Set<String> edgeIds = new HashSet<>();
        DirectedPseudograph<Integer, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
        }
        List<Edge> valid = new ArrayList<>();
        for (Edge e : edges) {
            if (!edgeIds.add(e.id())) {
                problems.add(new Problem("duplicate_id", "two edges have the id '" + e.id() + "'", e.id()));
            }
            Integer s = index.get(e.source());
            Integer t = index.get(e.target());
            if (s == null) {
                problems.add(new Problem("missing_node", "edge '" + e.id() + "' starts at node '" + e.source()
                        + "', which does not exist", e.id()));
            }
            if (t == null) {
                problems.add(new Problem("missing_node", "edge '" + e.id() + "' ends at node '" + e.target()
                        + "', which does not exist", e.id()));
            }
            if (s == null || t == null) {
                continue;
            }
            checkHandle(e, e.sourceHandle(), executors[s], true, nodes.get(s), problems);
            checkHandle(e, e.targetHandle(), executors[t], false, nodes.get(t), problems);
            g.addEdge(s, t);
            valid.add(e);
        }

        // Loops: strongly connected components with more than one node, or a node looping on itself.
        int[] loop = new int[n];
        java.util.Arrays.fill(loop, -1);
        List<Set<String>> loops = new ArrayList<>();
        for (Set<Integer> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
            int only = scc.iterator().next();
            if (scc.size() == 1 && !g.containsEdge(only, only)) {
                continue;
            }
            boolean controlled = false;
            Set<String> ids = new LinkedHashSet<>();
            for (int v : scc) {
                ids.add(nodes.get(v).id());
                if (executors[v] != null && branches(executors[v].descriptor())) {
                    controlled = true;
                }
            }
            if (!controlled && scc.stream().allMatch(v -> executors[v] != null)) {
                problems.add(new Problem("uncontrolled_cycle", "the nodes " + ids
                        + " form a loop that no condition controls: route it through a condition node", only < n
                        ? nodes.get(only).id() : ""));
            }
            for (int v : scc) {
                loop[v] = loops.size();
            }
            loops.add(Set.copyOf(ids));
        }
        if (!problems.isEmpty()) {
            return new Invalid(List.copyOf(problems));
        }

        int m = valid.size();
        int[] src = new int[m];
        int[] dst = new int[m];
        List<List<Integer>> inL = new ArrayList<>();
        List<List<Integer>> outL = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inL.add(new ArrayList<>());
            outL.add(new ArrayList<>());
        }
        for (int i = 0; i < m; i++) {
            src[i] = index.get(valid.get(i).source());
            dst[i] = index.get(valid.get(i).target());
            outL.get(src[i]).add(i);
            inL.get(dst[i]).add(i);
        }
        int[][] in = toArrays(inL);
        int[][] out = toArrays(outL);
        boolean[] back = backEdges(n, starts, out, dst);

        Plan.PlanEdge[] planEdges = new Plan.PlanEdge[m];
        boolean[] hasFirst = new boolean[n];
        boolean[] loopHead = new boolean[n];
        for (int i = 0; i < m; i++) {
            Edge e = valid.get(i);
            boolean first = e.targetHandle().map(FIRST::equals).orElse(false);
            boolean sameLoop = loop[src[i]] >= 0 && loop[src[i]] == loop[dst[i]];
            boolean exit = loop[src[i]] >= 0 && !sameLoop;
            hasFirst[dst[i]] |= first;
            loopHead[dst[i]] |= back[i];
            planEdges[i] = new Plan.PlanEdge(i, e.id(), src[i], dst[i], e.sourceHandle().orElse(""), inputName(e),
                    contentType(e), back[i], exit, first, sameLoop);
        }
        Plan.PlanNode[] planNodes = new Plan.PlanNode[n];
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            Map<String, Object> data = withDefaults(node.data(), executors[i].descriptor());
            int max = intField(data, "max_iteration", 0);
            int bound = max > 0 ? max : loop[i] >= 0 ? defaultMaxIteration : Integer.MAX_VALUE;
            int timeoutSeconds = intField(data, "timeout", 0);
            Duration timeout = timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null;
            String label = node.data().get("label") instanceof String s && !s.isBlank() ? s : node.id();
            labels.putIfAbsent(label, node.id());
            planNodes[i] = new Plan.PlanNode(i, node.id(), types[i], label, data, executors[i], max, bound, timeout,
                    Math.max(0, intField(data, "retries", intField(data, "max_retries", 0))),
                    Math.max(0, intField(data, "retry_backoff_ms", 200)), hasFirst[i], loopHead[i],
                    ENDPOINT.equals(types[i]));
        }
        int[] startArr = starts.stream().mapToInt(Integer::intValue).toArray();
        return new Compiled(new Plan(graph, planNodes, planEdges, in, out, loop, List.copyOf(loops), startArr,
                Map.copyOf(index), Map.copyOf(labels)));
    }

    private static boolean branches(NodeDescriptor d) {
        return d.outputs().stream().anyMatch(h -> h.id().equals("condtrue") || h.id().equals("condfalse"))
                || d.outputs().size() >= 2;
    }

    /** Depth-first from the start nodes (then from every node not reached): an edge into a node on the stack closes a loop. */
    private static boolean[] backEdges(int n, List<Integer> starts, int[][] out, int[] dst) {
        boolean[] back = new boolean[dst.length];
        byte[] state = new byte[n]; // 0 new, 1 on stack, 2 done
        List<Integer> roots = new ArrayList<>(starts);
        for (int i = 0; i < n; i++) {
            roots.add(i);
        }
        Deque<int[]> stack = new ArrayDeque<>();
        for (int root : roots) {
            if (state[root] != 0) {
                continue;
            }
            state[root] = 1;
            stack.push(new int[]{root, 0});
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                int v = top[0];
                if (top[1] < out[v].length) {
                    int e = out[v][top[1]++];
                    int w = dst[e];
                    if (state[w] == 1) {
                        back[e] = true;
                    } else if (state[w] == 0) {
                        state[w] = 1;
                        stack.push(new int[]{w, 0});
                    }
                } else {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
        return back;
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] result = new int[lists.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    private static String inputName(Edge e) {
        Optional<String> label = e.label();
        if (label.isEmpty() && e.data().get("label") instanceof String s) {
            label = Optional.of(s);
        }
        return label.filter(s -> !s.isBlank()).orElse(DEFAULT);
    }

    private static String contentType(Edge e) {
        Object v = e.data().get("contentType");
        if (v == null) {
            v = e.data().get("content_type");
        }
        return v instanceof String s ? s : "";
    }

    private static void checkHandle(Edge e, Optional<String> handle, NodeExecutor executor, boolean output, Node node,
                                    List<Problem> problems) {
        if (handle.isEmpty() || executor == null) {
            return;
        }
        String h = handle.get();
        List<HandleSpec> specs = output ? executor.descriptor().outputs() : executor.descriptor().inputs();
        if (h.equals(DEFAULT) || h.isEmpty() || specs.isEmpty() && !output && h.equals(FIRST)) {
            return;
        }
        if (specs.stream().noneMatch(s -> s.id().equals(h))) {
            List<String> known = specs.stream().map(HandleSpec::id).toList();
            problems.add(new Problem("unknown_handle", "edge '" + e.id() + "' uses " + (output ? "output" : "input")
                    + " handle '" + h + "' of node " + describe(node) + ", which has "
                    + (known.isEmpty() ? "only the default handle" : "the handles " + known), e.id()));
        }
    }

    private static void checkFields(Node node, NodeDescriptor d, List<Problem> problems) {
        for (FieldSpec f : d.fields()) {
            Object v = node.data().get(f.name());
            if (v == null || v instanceof String s && s.isBlank()) {
                if (f.required() && f.defaultValue().isEmpty()) {
                    problems.add(new Problem("missing_field", "node " + describe(node) + " (" + node.type()
                            + ") needs the field '" + f.name() + "'", node.id()));
                }
                continue;
            }
            String wrong = switch (f.type()) {
                case INTEGER -> v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                        || v instanceof String s && s.trim().matches("-?\\d+") ? null : "a whole number";
                case NUMBER -> v instanceof Number || v instanceof String s && isNumber(s) ? null : "a number";
                case BOOLEAN -> v instanceof Boolean || "true".equals(v) || "false".equals(v) ? null : "true or false";
                case ENUM -> f.options().isEmpty() || f.options().contains(String.valueOf(v).toLowerCase(Locale.ROOT))
                        || f.options().contains(String.valueOf(v)) ? null : "one of " + f.options();
                case STRING_LIST -> v instanceof List<?> || v instanceof String ? null : "a list of strings";
                case OBJECT -> v instanceof Map<?, ?> || v instanceof List<?> || v instanceof String ? null : "an object";
                default -> null;
            };
            if (wrong != null) {
                problems.add(new Problem("invalid_field", "node " + describe(node) + ": field '" + f.name()
                        + "' must be " + wrong + ", not " + render(v), node.id()));
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String render(Object v) {
        String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static String describe(Node node) {
        Object label = node.data().get("label");
        return label instanceof String s && !s.isBlank() && !s.equals(node.id())
                ? "'" + s + "' (" + node.id() + ")" : "'" + node.id() + "'";
    }

    private static Map<String, Object> withDefaults(Map<String, Object> data, NodeDescriptor d) {
        Map<String, Object> merged = null;
        for (FieldSpec f : d.fields()) {
            if (f.defaultValue().isPresent() && data.get(f.name()) == null) {
                if (merged == null) {
                    merged = new LinkedHashMap<>(data);
                }
                merged.put(f.name(), f.defaultValue().get());
            }
        }
        return merged == null ? data : io.flowcraft.api.JsonValues.freezeObject(merged);
    }

    static int intField(Map<String, Object> data, String key, int fallback) {
        Object v = data.get(key);
        if (v instanceof Number num) {
            return num.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
