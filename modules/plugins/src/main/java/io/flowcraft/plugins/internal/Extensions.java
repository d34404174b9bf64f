package io.flowcraft.plugins.internal;

import io.flowcraft.api.spi.GraphAction;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.plugins.RegisteredAction;
import org.pf4j.PluginManager;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a plugin's extensions and builds the catalogue from started plugins. PF4J logs and skips
 * an extension whose class does not load or whose constructor throws; this class finds such
 * extensions and says why, so that the plugin can be reported as failed.
 */
final class Extensions {
    private static final List<Class<?>> POINTS = List.of(GraphAction.class, NodeExecutor.class, LlmProvider.class);

    private Extensions() {
    }

    /**
     * Loads and creates every extension a started plugin declares.
     *
     * @param manager  the plugin manager
     * @param pluginId the plugin
     * @param problems receives one sentence per broken extension
     * @return the ids (actions, providers) and types (executors) of its extensions, sorted
     */
    static List<String> check(PluginManager manager, String pluginId, List<String> problems) {
        ClassLoader classLoader = manager.getPluginClassLoader(pluginId);
        List<Class<?>> declared = new ArrayList<>();
        for (String className : manager.getExtensionClassNames(pluginId)) {
            try {
                declared.add(Class.forName(className, false, classLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("extension class " + className + " failed to load: " + JarDiagnosis.reason(e));
            }
        }
        List<String> ids = new ArrayList<>();
        Set<Class<?>> created = new HashSet<>();
        collect(manager, pluginId, GraphAction.class, a -> a.descriptor().id(), ids, created, problems);
        collect(manager, pluginId, NodeExecutor.class, n -> n.descriptor().type(), ids, created, problems);
        collect(manager, pluginId, LlmProvider.class, p -> p.descriptor().id(), ids, created, problems);
        for (Class<?> c : declared) {
            if (POINTS.stream().anyMatch(p -> p.isAssignableFrom(c)) && !created.contains(c)) {
                problems.add("extension " + c.getName() + " could not be created: " + constructionFailure(c));
            }
        }
        return ids.stream().sorted().toList();
    }

    private static <T> void collect(PluginManager manager, String pluginId, Class<T> point, Function<T, String> id,
                                    List<String> ids, Set<Class<?>> created, List<String> problems) {
        List<T> extensions;
        try {
            extensions = manager.getExtensions(point, pluginId);
        } catch (RuntimeException | LinkageError e) {
            problems.add("its " + point.getSimpleName() + " extensions could not be created: " + JarDiagnosis.reason(e));
            return;
        }
        for (T extension : extensions) {
            created.add(extension.getClass());
            try {
                ids.add(Objects.requireNonNull(id.apply(extension), "descriptor id"));
            } catch (RuntimeException | LinkageError e) {
                problems.add("extension " + extension.getClass().getName() + " has no usable descriptor: "
                        + JarDiagnosis.reason(e));
            }
        }
    }

    private static String constructionFailure(Class<?> c) {
        try {
            c.getDeclaredConstructor().newInstance();
            return "PF4J's extension factory refused it";
        } catch (InvocationTargetException e) {
            return "its constructor threw " + JarDiagnosis.reason(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            return JarDiagnosis.reason(e);
        }
    }

    /**
     * The registries of the started jars.
     *
     * @param manager the plugin manager
     * @param jars    the jars, in load order (the first provider of an action id wins)
     * @return a new catalogue
     */
    static Catalogue catalogue(PluginManager manager, Collection<LoadedJar> jars) {
        List<RegisteredAction> actions = new ArrayList<>();
        Set<String> actionIds = new HashSet<>();
        List<NodeExecutor> executors = new ArrayList<>();
        List<LlmProvider> providers = new ArrayList<>();
        for (LoadedJar jar : jars) {
            if (jar.pluginId().isEmpty()) {
                continue;
            }
            String id = jar.pluginId().get();
            for (GraphAction a : manager.getExtensions(GraphAction.class, id)) {
                if (actionIds.add(a.descriptor().id())) {
                    actions.add(new RegisteredAction(a.descriptor(), id, a));
                } else {
                    System.getLogger(Extensions.class.getName()).log(System.Logger.Level.WARNING, "action '"
                            + a.descriptor().id() + "' of plugin '" + id + "' ignored: another plugin provides it");
                }
            }
            executors.addAll(manager.getExtensions(NodeExecutor.class, id));
            providers.addAll(manager.getExtensions(LlmProvider.class, id));
        }
        return Catalogue.of(actions, executors, providers);
    }
}
