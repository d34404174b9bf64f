package io.flowcraft.api.spi;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Read-only facts about a running execution, for nodes that decide from the run's progress
 * ({@code detect_max_iterations}, {@code check_nodes_executed}). Counts and ids only: a node never
 * sees another node's output through it.
 */
public interface RunView {
    /** A view of a run with no facts, for runners that offer none. */
    RunView EMPTY = new RunView() {
        @Override
        public int runs(String nodeId) {
            return 0;
        }

        @Override
        public OptionalInt maxIteration(String nodeId) {
            return OptionalInt.empty();
        }

        @Override
        public Set<String> loopNodes() {
            return Set.of();
        }

        @Override
        public Map<String, String> labels() {
            return Map.of();
        }
    };

    /**
     * How many times a node has completed in this run.
     *
     * @param nodeId the node id
     * @return its completed runs (0 when it never ran or does not exist)
     */
    int runs(String nodeId);

    /**
     * A node's iteration bound, when it has one.
     *
     * @param nodeId the node id
     * @return its {@code max_iteration}
     */
    OptionalInt maxIteration(String nodeId);

    /**
     * The nodes that share a loop with the asking node (its strongly connected component),
     * excluding itself; empty when it is in no loop.
     *
     * @return the node ids
     */
    Set<String> loopNodes();

    /**
     * Node labels (as shown in the editor, {@code data.label}) to node ids, so a node may name
     * others by label.
     *
     * @return labels to ids
     */
    Map<String, String> labels();

    /**
     * Whether every bounded node of the asking node's loop has reached its {@code max_iteration}.
     * A loop with no bounded node is never exhausted.
     *
     * @return {@code true} once the loop has run out
     */
    default boolean loopExhausted() {
        boolean bounded = false;
        for (String id : loopNodes()) {
            OptionalInt max = maxIteration(id);
            if (max.isPresent()) {
                bounded = true;
                if (runs(id) < max.getAsInt()) {
                    return false;
                }
            }
        }
        return bounded;
    }
}
