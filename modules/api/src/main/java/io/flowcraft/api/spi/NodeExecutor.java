package io.flowcraft.api.spi;

import org.pf4j.ExtensionPoint;

/**
 * Runs one type of diagram node ({@code start}, {@code job}, {@code condition}, …).
 *
 * <p>Implementations are PF4J extensions in a plugin jar. The engine calls {@link #execute} on a
 * virtual thread, possibly for many nodes at once; implementations keep no per-run state in
 * fields. Blocking is fine; cancellation interrupts the thread.
 */
public interface NodeExecutor extends ExtensionPoint {
    /**
     * What this executor is: type, fields, handles.
     *
     * @return the descriptor; the same value on every call
     */
    NodeDescriptor descriptor();

    /**
     * Runs the node once.
     *
     * @param context the node's fields, inputs, variables and services
     * @return the result
     * @throws Exception to fail the node with its message
     */
    NodeResult execute(NodeContext context) throws Exception;
}
