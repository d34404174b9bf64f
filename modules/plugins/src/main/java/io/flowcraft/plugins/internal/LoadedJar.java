package io.flowcraft.plugins.internal;

import io.flowcraft.plugins.PluginInfo;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A jar the host has seen: its stamp and hash (to notice replacement), what it became, and the
 * PF4J id it is loaded under (empty when it is not loaded).
 *
 * @param path        the jar
 * @param stamp       size, modification time and file key when it was loaded
 * @param hash        fingerprint of its content when it was loaded ({@link JarStamp#hash})
 * @param info        what the host reports for it
 * @param pluginId    the PF4J plugin id, while loaded
 * @param needsOthers whether it failed only because plugins it depends on are missing (worth a
 *                    retry when other plugins change)
 */
public record LoadedJar(Path path, JarStamp stamp, String hash, PluginInfo info, Optional<String> pluginId,
                        boolean needsOthers) {
    /**
     * The same jar, seen with another stamp but the same content.
     *
     * @param newStamp the new stamp
     * @return a copy with {@code newStamp}
     */
    public LoadedJar withStamp(JarStamp newStamp) {
        return new LoadedJar(path, newStamp, hash, info, pluginId, needsOthers);
    }
}
