package io.flowcraft.plugins;

import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.GraphAction;

import java.util.Objects;

/**
 * A graph action and the plugin it comes from.
 *
 * @param descriptor what the action is
 * @param pluginId   the plugin that provides it
 * @param action     the extension
 */
public record RegisteredAction(ActionDescriptor descriptor, String pluginId, GraphAction action) {
    /** @throws NullPointerException if a component is null */
    public RegisteredAction {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(action, "action");
    }
}
