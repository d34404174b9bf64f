package io.flowcraft.graph;

/**
 * Told of every accepted change, in version order per graph.
 *
 * <p>Called while the graph's write lock is held, right after the change is durable: implementations
 * must be quick and must not block (enqueue, never send). An exception is logged and ignored.
 */
@FunctionalInterface
public interface CommitListener {
    /**
     * A new version was stored.
     *
     * @param commit the new version
     */
    void committed(Commit commit);
}
