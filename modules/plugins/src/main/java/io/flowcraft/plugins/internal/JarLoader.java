package io.flowcraft.plugins.internal;

import io.flowcraft.plugins.PluginInfo;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Loads one jar at a time into a PF4J plugin manager, so that a broken jar fails alone, and checks
 * that every extension it declares loads and can be created. Failures become {@code FAILED}
 * {@link PluginInfo}s whose reason names the jar; nothing is logged here (the caller logs the
 * outcome). Not thread-safe: the caller serializes calls.
 */
public final class JarLoader {
    private final HostPluginManager manager;

    /**
     * Creates the loader.
     *
     * @param pluginsDir the plugins directory (PF4J's plugins root)
     */
    public JarLoader(Path pluginsDir) {
        this.manager = new HostPluginManager(pluginsDir);
    }

    /**
     * Loads and starts a jar, or records why it cannot be.
     *
     * @param jar   the jar
     * @param stamp its stamp
     * @param hash  its content hash
     * @return what it became
     */
    public LoadedJar load(Path jar, JarStamp stamp, String hash) {
        String name = jar.getFileName().toString();
        Optional<String> declared = JarDiagnosis.pluginId(jar);
        PluginWrapper twin = declared.map(manager::getPlugin).orElse(null);
        if (twin != null) {
            return failed(jar, stamp, hash, declared.get(), JarDiagnosis.version(jar), name + ": cannot load it: "
                    + "plugin '" + declared.get() + "' is already loaded from " + twin.getPluginPath().getFileName(), true);
        }
        String pluginId;
        try {
            pluginId = manager.loadOne(jar);
        } catch (RuntimeException | LinkageError e) {
            forget(jar);
            boolean retry = e instanceof DependencyResolver.DependenciesNotFoundException
                    || e instanceof DependencyResolver.DependenciesWrongVersionException
                    || e instanceof PluginAlreadyLoadedException;
            return failed(jar, stamp, hash, declared.orElse(name.replaceFirst("\\.jar$", "")),
                    JarDiagnosis.version(jar), name + ": cannot load it: " + JarDiagnosis.explain(jar, e), retry);
        }
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        String version = wrapper.getDescriptor().getVersion();
        String what = name + " (plugin '" + pluginId + "' " + version + ")";
        try {
            PluginState state = manager.startPlugin(pluginId);
            if (state != PluginState.STARTED) {
                Throwable cause = wrapper.getFailedException();
                unload(pluginId);
                return failed(jar, stamp, hash, pluginId, version, what + ": did not start: "
                        + (cause != null ? JarDiagnosis.reason(cause) : "it ended in state " + state), false);
            }
            List<String> problems = new ArrayList<>();
            List<String> extensions = Extensions.check(manager, pluginId, problems);
            if (!problems.isEmpty()) {
                unload(pluginId);
                return failed(jar, stamp, hash, pluginId, version, what + ": " + String.join("; ", problems), false);
            }
            return new LoadedJar(jar, stamp, hash, new PluginInfo(pluginId, version, "STARTED", Optional.empty(), name,
                    extensions), Optional.of(pluginId), false);
        } catch (RuntimeException | LinkageError e) {
            unload(pluginId);
            return failed(jar, stamp, hash, pluginId, version, what + ": did not start: " + JarDiagnosis.reason(e),
                    false);
        }
    }

    private static LoadedJar failed(Path jar, JarStamp stamp, String hash, String id, String version, String why,
                                    boolean retry) {
        return new LoadedJar(jar, stamp, hash, new PluginInfo(id, version, "FAILED", Optional.of(why),
                jar.getFileName().toString(), List.of()), Optional.empty(), retry);
    }

    /**
     * PF4J keeps a plugin whose dependencies do not resolve and then refuses every later load:
     * drop whatever this jar left behind.
     */
    private void forget(Path jar) {
        for (PluginWrapper w : manager.getPlugins()) {
            if (w.getPluginPath().toAbsolutePath().equals(jar.toAbsolutePath())) {
                unload(w.getPluginId());
            }
        }
    }

    /**
     * Whether a plugin is loaded and started (PF4J unloads dependents with their dependency).
     *
     * @param pluginId the plugin
     * @return {@code true} if it is started
     */
    public boolean isStarted(String pluginId) {
        PluginWrapper w = manager.getPlugin(pluginId);
        return w != null && w.getPluginState() == PluginState.STARTED;
    }

    /**
     * Stops and unloads a plugin (and plugins that depend on it), closing its class loader.
     *
     * @return the problem, if unloading failed
     * @param pluginId the plugin
     */
    public Optional<String> unload(String pluginId) {
        try {
            if (manager.getPlugin(pluginId) != null) {
                manager.stopPlugin(pluginId);
                manager.unloadPlugin(pluginId);
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("unloading plugin '" + pluginId + "' failed: " + JarDiagnosis.reason(e));
        }
    }

    /**
     * The registries of the started jars.
     *
     * @param jars the jars, in load order (the first provider of an action id wins)
     * @return a new catalogue
     */
    public Catalogue catalogue(Collection<LoadedJar> jars) {
        return Extensions.catalogue(manager, jars);
    }

    /** PF4J's manager with singleton extensions and a load that reports why a jar failed. */
    private static final class HostPluginManager extends DefaultPluginManager {
        HostPluginManager(Path pluginsDir) {
            super(pluginsDir);
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            return new SingletonExtensionFactory(this);
        }

        /** Like {@link PluginManager#loadPlugin}, but throws the reason instead of logging it. */
        String loadOne(Path jar) {
            PluginWrapper wrapper = loadPluginFromPath(jar);
            if (wrapper == null) {
                throw new PluginRuntimeException("PF4J did not accept it as a plugin");
            }
            resolvePlugins();
            return wrapper.getPluginId();
        }
    }
}
