package io.flowcraft.plugins.internal;

import io.flowcraft.plugins.PluginInfo;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A jar the host has seen: its stamp (to notice replacement), what it became, and the PF4J id it
 * is loaded under (empty when it failed before loading).
 *
 * @param path     the jar
 * @param stamp    size and modification time when it was loaded
 * @param info     what the host reports for it
 * @param pluginId the PF4J plugin id, when loaded
 */
public record LoadedJar(Path path, String stamp, PluginInfo info, Optional<String> pluginId) {
}
