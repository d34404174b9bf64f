package io.flowcraft.graph;

/**
 * Size limits a graph must respect to be stored.
 *
 * @param maxNodes most nodes a graph may have, at least 1
 * @param maxEdges most edges a graph may have, at least 0
 */
public record GraphLimits(int maxNodes, int maxEdges) {
    /** @throws IllegalArgumentException if a limit is out of range */
    public GraphLimits {
        if (maxNodes < 1 || maxEdges < 0) {
            throw new IllegalArgumentException("graph limits must be positive");
        }
    }
}
