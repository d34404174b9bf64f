package io.flowcraft.api.spi;

import io.flowcraft.api.Changeset;
import org.pf4j.ExtensionPoint;

/**
 * An action a user can run on a node from the editor ({@code execute_action}): it computes a
 * changeset, which the server applies to the graph as one new version.
 *
 * <p>Implementations are PF4J extensions ({@code @Extension}) in a plugin jar. They must not keep
 * or mutate shared state: everything they need comes in the {@link ActionContext}. They may be
 * called concurrently from several threads. A call that throws, or runs past the host's timeout,
 * fails the request with {@code action_failed} and changes nothing.
 */
public interface GraphAction extends ExtensionPoint {
    /**
     * What this action is.
     *
     * @return the descriptor; the same value on every call
     */
    ActionDescriptor descriptor();

    /**
     * Computes the changes.
     *
     * @param context the graph, the target node, parameters and fresh ids
     * @return the changes to apply (may be empty)
     * @throws RuntimeException to fail the action with its message
     */
    Changeset apply(ActionContext context);
}
