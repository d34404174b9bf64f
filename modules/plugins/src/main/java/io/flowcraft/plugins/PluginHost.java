package io.flowcraft.plugins;

import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.plugins.internal.Catalogue;
import io.flowcraft.plugins.internal.JarLoader;
import io.flowcraft.plugins.internal.LoadedJar;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Loads PF4J plugin jars from a directory and keeps the registries of their extensions.
 *
 * <p>Every {@code *.jar} in the directory is loaded at start; with watching on, the directory is
 * checked every second and a jar dropped in (once its size is stable), removed or replaced is
 * loaded, unloaded or reloaded, and the listeners are told. A broken jar never stops the host or
 * the other plugins: it is reported in {@link #plugins()} as {@code FAILED} with the reason.
 * Extension calls go through {@link #call}, which cuts them off after the configured timeout.
 * Thread-safe.
 */
public final class PluginHost implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);

    private final PluginHostConfig config;
    private final JarLoader loader;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Path, LoadedJar> jars = new LinkedHashMap<>();
    private final Map<Path, String> pending = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Catalogue catalogue = Catalogue.EMPTY;
    private volatile boolean closed;
    private Thread watcher;

    private PluginHost(PluginHostConfig config) {
        this.config = config;
        this.loader = new JarLoader(config.pluginsDir());
    }

    /**
     * Creates the directory if needed, loads every jar in it, and starts watching it if configured.
     *
     * @param config the configuration
     * @return the running host
     */
    public static PluginHost start(PluginHostConfig config) {
        PluginHost host = new PluginHost(config);
        try {
            Files.createDirectories(config.pluginsDir());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot create the plugins directory " + config.pluginsDir() + ": " + e.getMessage());
        }
        host.reconcile(true);
        if (config.watch()) {
            host.watcher = Thread.ofVirtual().name("plugins-watcher").start(host::watch);
        }
        return host;
    }

    /**
     * Every jar the host has seen, loaded or failed, by jar name.
     *
     * @return the plugins
     */
    public List<PluginInfo> plugins() {
        lock.lock();
        try {
            return jars.values().stream().map(LoadedJar::info).sorted(Comparator.comparing(PluginInfo::jar)).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every graph action of every started plugin, by id.
     *
     * @return the actions
     */
    public List<RegisteredAction> actions() {
        return catalogue.actions().values().stream()
                .sorted(Comparator.comparing(a -> a.descriptor().id())).toList();
    }

    /**
     * One action.
     *
     * @param id the action id
     * @return the action, if a started plugin provides it
     */
    public Optional<RegisteredAction> action(String id) {
        return Optional.ofNullable(catalogue.actions().get(id));
    }

    /**
     * Every node executor of every started plugin.
     *
     * @return the executors
     */
    public List<NodeExecutor> nodeExecutors() {
        return catalogue.executors();
    }

    /**
     * Every LLM provider of every started plugin.
     *
     * @return the providers
     */
    public List<LlmProvider> llmProviders() {
        return catalogue.providers();
    }

    /**
     * Registers a listener called after every load, unload or reload.
     *
     * @param catalogueChanged the listener; must not block
     */
    public void addListener(Runnable catalogueChanged) {
        listeners.add(catalogueChanged);
    }

    /**
     * Runs an extension call on a virtual thread and waits at most the configured timeout.
     *
     * @param pluginId the plugin whose extension runs
     * @param what     what runs, for messages ({@code action 'duplicate'})
     * @param work     the call
     * @param <T>      the result type
     * @return the call's result
     * @throws ExtensionFailedException if the call threw or did not finish in time (it is interrupted)
     */
    public <T> T call(String pluginId, String what, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().name("plugin-" + pluginId).start(task);
        try {
            return task.get(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ExtensionFailedException(pluginId, "plugin '" + pluginId + "' " + what + " did not finish within "
                    + seconds(config.callTimeout()) + " and was stopped", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ExtensionFailedException(pluginId, "plugin '" + pluginId + "' " + what + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExtensionFailedException(pluginId, "plugin '" + pluginId + "' " + what + " was interrupted", e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Reconciles with the directory now: loads new jars, unloads removed ones, reloads replaced ones.
     */
    public void rescan() {
        reconcile(true);
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            }
            try {
                reconcile(false);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking the plugins directory failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param immediate load new or changed jars now, without waiting for their size to settle
     */
    private void reconcile(boolean immediate) {
        boolean changed = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Map<Path, String> present = scan();
            for (Path gone : new ArrayList<>(jars.keySet())) {
                if (!present.containsKey(gone)) {
                    unload(jars.remove(gone));
                    changed = true;
                }
            }
            for (Map.Entry<Path, String> e : present.entrySet()) {
                LoadedJar known = jars.get(e.getKey());
                if (known != null && known.stamp().equals(e.getValue())) {
                    continue;
                }
                if (!immediate && !e.getValue().equals(pending.put(e.getKey(), e.getValue()))) {
                    continue;
                }
                pending.remove(e.getKey());
                if (known != null) {
                    unload(jars.remove(e.getKey()));
                }
                jars.put(e.getKey(), loader.load(e.getKey(), e.getValue()));
                changed = true;
            }
            pending.keySet().retainAll(present.keySet());
            if (changed) {
                catalogue = loader.catalogue(jars.values());
            }
        } finally {
            lock.unlock();
        }
        if (changed) {
            listeners.forEach(l -> {
                try {
                    l.run();
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "a plugin catalogue listener failed", ex);
                }
            });
        }
    }

    private Map<Path, String> scan() {
        Map<Path, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(config.pluginsDir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                    .forEach(p -> {
                        try {
                            out.put(p, Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                        } catch (IOException e) {
                            // gone while listing: the next scan sees it removed
                        }
                    });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the plugins directory " + config.pluginsDir() + ": " + e.getMessage());
        }
        return out;
    }

    private void unload(LoadedJar jar) {
        jar.pluginId().ifPresent(loader::unload);
        LOG.log(Level.INFO, "unloaded plugin jar " + jar.path().getFileName());
    }

    /** Stops and unloads every plugin, last loaded first, and stops watching. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (watcher != null) {
                watcher.interrupt();
            }
            List<LoadedJar> all = new ArrayList<>(jars.values());
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).pluginId().ifPresent(loader::unload);
            }
            jars.clear();
            catalogue = Catalogue.EMPTY;
        } finally {
            lock.unlock();
        }
    }
}
