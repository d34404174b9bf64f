package io.flowcraft.plugins;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin jar as the host sees it.
 *
 * @param id         the plugin id (the jar's file name when its manifest cannot be read)
 * @param version    the plugin version, or {@code ""} when unknown
 * @param state      {@code STARTED} or {@code FAILED}
 * @param failure    why it failed, naming the jar
 * @param jar        the jar's file name
 * @param extensions the ids (actions, providers) or types (node executors) of its extensions
 */
public record PluginInfo(String id, String version, String state, Optional<String> failure, String jar,
                         List<String> extensions) {
    /** Checks and copies the components. */
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(jar, "jar");
        extensions = List.copyOf(extensions);
    }
}
