package io.flowcraft.plugins;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin jar as the host sees it.
 *
 * <p>The host reports {@code STARTED} and {@code FAILED}; {@code DISABLED} and {@code STOPPED} are
 * reserved for plugins an operator turns off.
 *
 * @param id         the plugin id ({@code Plugin-Id}); the jar's file name without {@code .jar} when
 *                   the manifest cannot be read
 * @param version    the plugin version ({@code Plugin-Version}), or {@code ""} when unknown
 * @param state      {@code STARTED}, {@code FAILED}, {@code DISABLED} or {@code STOPPED}
 * @param failure    for {@code FAILED}: why, as a sentence that names the jar; else empty
 * @param jar        the jar's file name ({@code echo-0.1.0.jar})
 * @param extensions the ids (actions, providers) or types (node executors) of its extensions, empty
 *                   unless started
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
