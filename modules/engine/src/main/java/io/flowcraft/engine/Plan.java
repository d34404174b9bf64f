package io.flowcraft.engine;

import io.flowcraft.api.Graph;
import io.flowcraft.api.spi.NodeExecutor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled diagram: nodes and edges by index, with what the scheduler needs precomputed
 * (back edges, loop exits, loop membership, first-only inputs). Immutable; one plan serves one run.
 */
final class Plan {
    final Graph graph;
    final PlanNode[] nodes;
    final PlanEdge[] edges;
    /** Incoming edge indexes per node. */
    final int[][] in;
    /** Outgoing edge indexes per node. */
    final int[][] out;
    /** Strongly connected component per node; -1 when the node is in no loop. */
    final int[] loop;
    /** Loop members (node ids) per loop id. */
    final List<Set<String>> loops;
    final int[] starts;
    final Map<String, Integer> index;
    final Map<String, String> labels;

    Plan(Graph graph, PlanNode[] nodes, PlanEdge[] edges, int[][] in, int[][] out, int[] loop,
         List<Set<String>> loops, int[] starts, Map<String, Integer> index, Map<String, String> labels) {
        this.graph = graph;
        this.nodes = nodes;
        this.edges = edges;
        this.in = in;
        this.out = out;
        this.loop = loop;
        this.loops = loops;
        this.starts = starts;
        this.index = index;
        this.labels = labels;
    }

    /**
     * One node, ready to run.
     *
     * @param index        its index
     * @param id           its id
     * @param type         its type, lower case
     * @param label        its label (data.label, else the id)
     * @param data         its fields with descriptor defaults filled in
     * @param executor     what runs it
     * @param maxIteration its explicit {@code max_iteration}, 0 when none
     * @param bound        how many times it may run (its max_iteration, the loop default, or unbounded)
     * @param timeout      how long one run may take; null for the engine default
     * @param retries      how many times a failure is retried
     * @param backoffMs    the first retry's delay (doubling after)
     * @param hasFirst     whether it has inputs on the {@code first} handle
     * @param loopHead     whether a back edge enters it
     * @param endpoint     whether its output is a run output
     */
    record PlanNode(int index, String id, String type, String label, Map<String, Object> data,
                    NodeExecutor executor, int maxIteration, int bound, Duration timeout, int retries,
                    long backoffMs, boolean hasFirst, boolean loopHead, boolean endpoint) {
    }

    /**
     * One edge.
     *
     * @param index        its index
     * @param id           its id
     * @param source       source node index
     * @param target       target node index
     * @param sourceHandle the source output ("" for the default)
     * @param name         the input name at the target (label, else {@code default})
     * @param contentType  raw_text, object or conversation_state ("" when unset)
     * @param back         whether it closes a loop (target visited before source)
     * @param loopExit     whether it leaves a loop
     * @param first        whether it feeds the target's {@code first} handle
     * @param sameLoop     whether source and target are in the same loop
     */
    record PlanEdge(int index, String id, int source, int target, String sourceHandle, String name,
                    String contentType, boolean back, boolean loopExit, boolean first, boolean sameLoop) {
    }
}
