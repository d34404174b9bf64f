package io.flowcraft.plugins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the plugin host is set up.
 *
 * @param pluginsDir  the directory of plugin jars; created if missing
 * @param watch       whether jars dropped in, removed or replaced at run time are picked up
 * @param callTimeout how long one extension call may run
 */
public record PluginHostConfig(Path pluginsDir, boolean watch, Duration callTimeout) {
    /** @throws NullPointerException if a component is null */
    public PluginHostConfig {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(callTimeout, "callTimeout");
    }
}
