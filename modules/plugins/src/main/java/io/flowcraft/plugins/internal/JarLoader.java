package io.flowcraft.plugins.internal;

import io.flowcraft.api.spi.GraphAction;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.plugins.PluginInfo;
import io.flowcraft.plugins.RegisteredAction;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads one jar at a time into a PF4J plugin manager, so that a broken jar fails alone, and checks
 * that every extension it declares loads and instantiates. Not thread-safe: the host serializes
 * calls.
 */
public final class JarLoader {
    private static final System.Logger LOG = System.getLogger(JarLoader.class.getName());

    private final PluginManager manager;

    /**
     * Creates the loader.
     *
     * @param pluginsDir the plugins directory (PF4J's plugins root)
     */
    public JarLoader(Path pluginsDir) {
        this.manager = new DefaultPluginManager(pluginsDir) {
            @Override
            protected ExtensionFactory createExtensionFactory() {
                return new SingletonExtensionFactory(this);
            }
        };
    }

    /**
     * Loads and starts a jar, or records why it cannot be.
     *
     * @param jar   the jar
     * @param stamp its size and modification time
     * @return what it became
     */
    public LoadedJar load(Path jar, String stamp) {
        String name = jar.getFileName().toString();
        String pluginId;
        try {
            pluginId = manager.loadPlugin(jar);
        } catch (RuntimeException | LinkageError e) {
            forget(jar);
            return failed(jar, stamp, name.replaceFirst("\\.jar$", ""), "", "cannot load " + name + ": " + reason(e));
        }
        if (pluginId == null) {
            return failed(jar, stamp, name.replaceFirst("\\.jar$", ""), "", "cannot load " + name
                    + ": PF4J did not recognize it as a plugin (check the Plugin-Id and Plugin-Version manifest entries)");
        }
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        String version = wrapper.getDescriptor().getVersion();
        try {
            PluginState state = manager.startPlugin(pluginId);
            if (state != PluginState.STARTED) {
                Throwable cause = wrapper.getFailedException();
                String why = cause != null ? reason(cause) : "it ended in state " + state
                        + (wrapper.getDescriptor().getDependencies().isEmpty() ? ""
                        : " (its dependencies: " + wrapper.getDescriptor().getDependencies() + ")");
                unload(pluginId);
                return failed(jar, stamp, pluginId, version, "plugin '" + pluginId + "' (" + name + ") did not start: " + why);
            }
            List<String> problems = new ArrayList<>();
            List<String> extensions = checkExtensions(pluginId, problems);
            if (!problems.isEmpty()) {
                unload(pluginId);
                return failed(jar, stamp, pluginId, version, "plugin '" + pluginId + "' (" + name + "): "
                        + String.join("; ", problems));
            }
            LOG.log(Level.INFO, "loaded plugin " + pluginId + " " + version + " from " + name + ": " + extensions);
            return new LoadedJar(jar, stamp, new PluginInfo(pluginId, version, "STARTED", Optional.empty(), name,
                    extensions), Optional.of(pluginId));
        } catch (RuntimeException | LinkageError e) {
            unload(pluginId);
            return failed(jar, stamp, pluginId, version, "plugin '" + pluginId + "' (" + name + ") did not start: "
                    + reason(e));
        }
    }

    private List<String> checkExtensions(String pluginId, List<String> problems) {
        ClassLoader classLoader = manager.getPluginClassLoader(pluginId);
        List<Class<?>> declared = new ArrayList<>();
        for (String className : manager.getExtensionClassNames(pluginId)) {
            try {
                declared.add(Class.forName(className, false, classLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("extension class " + className + " failed to load: " + reason(e));
            }
        }
        List<String> ids = new ArrayList<>();
        List<Class<?>> created = new ArrayList<>();
        try {
            manager.getExtensions(GraphAction.class, pluginId).forEach(a -> {
                ids.add(a.descriptor().id());
                created.add(a.getClass());
            });
            manager.getExtensions(NodeExecutor.class, pluginId).forEach(n -> {
                ids.add(n.descriptor().type());
                created.add(n.getClass());
            });
            manager.getExtensions(LlmProvider.class, pluginId).forEach(p -> {
                ids.add(p.descriptor().id());
                created.add(p.getClass());
            });
        } catch (RuntimeException | LinkageError e) {
            problems.add("an extension could not be created: " + reason(e));
        }
        // PF4J logs and skips an extension whose constructor throws: find it and say why
        for (Class<?> c : declared) {
            boolean ours = GraphAction.class.isAssignableFrom(c) || NodeExecutor.class.isAssignableFrom(c)
                    || LlmProvider.class.isAssignableFrom(c);
            if (ours && !created.contains(c)) {
                problems.add("extension " + c.getName() + " could not be created: " + constructionFailure(c));
            }
        }
        return ids;
    }

    private static String constructionFailure(Class<?> c) {
        try {
            c.getDeclaredConstructor().newInstance();
            return "PF4J's extension factory refused it (see the log)";
        } catch (java.lang.reflect.InvocationTargetException e) {
            return "its constructor threw " + reason(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            return reason(e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String deep = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e || top.contains(deep) ? top : top + " (" + root.getClass().getSimpleName() + ": " + deep + ")";
    }

    private static LoadedJar failed(Path jar, String stamp, String id, String version, String why) {
        LOG.log(Level.WARNING, why);
        return new LoadedJar(jar, stamp, new PluginInfo(id, version, "FAILED", Optional.of(why),
                jar.getFileName().toString(), List.of()), Optional.empty());
    }

    /**
     * PF4J keeps a plugin whose dependencies do not resolve, and then refuses every later load:
     * drop whatever this jar left behind.
     */
    private void forget(Path jar) {
        for (PluginWrapper w : List.copyOf(manager.getPlugins())) {
            if (w.getPluginPath().toAbsolutePath().equals(jar.toAbsolutePath())) {
                unload(w.getPluginId());
            }
        }
    }

    /**
     * Stops and unloads a plugin, closing its class loader.
     *
     * @param pluginId the plugin
     */
    public void unload(String pluginId) {
        try {
            if (manager.getPlugin(pluginId) != null) {
                manager.stopPlugin(pluginId);
                manager.unloadPlugin(pluginId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unloading plugin " + pluginId + " failed: " + reason(e));
        }
    }

    /**
     * The registries of the started jars.
     *
     * @param jars the jars
     * @return a new catalogue
     */
    public Catalogue catalogue(Collection<LoadedJar> jars) {
        Map<String, RegisteredAction> actions = new LinkedHashMap<>();
        List<NodeExecutor> executors = new ArrayList<>();
        List<LlmProvider> providers = new ArrayList<>();
        for (LoadedJar jar : jars) {
            if (jar.pluginId().isEmpty()) {
                continue;
            }
            String id = jar.pluginId().get();
            for (GraphAction a : manager.getExtensions(GraphAction.class, id)) {
                RegisteredAction previous = actions.putIfAbsent(a.descriptor().id(),
                        new RegisteredAction(a.descriptor(), id, a));
                if (previous != null) {
                    LOG.log(Level.WARNING, "action '" + a.descriptor().id() + "' of plugin " + id
                            + " ignored: plugin " + previous.pluginId() + " provides it already");
                }
            }
            executors.addAll(manager.getExtensions(NodeExecutor.class, id));
            providers.addAll(manager.getExtensions(LlmProvider.class, id));
        }
        return new Catalogue(Map.copyOf(actions), List.copyOf(executors), List.copyOf(providers));
    }
}
