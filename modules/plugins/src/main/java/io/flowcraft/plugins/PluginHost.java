package io.flowcraft.plugins;

import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.plugins.internal.DirectoryWatcher;
import io.flowcraft.plugins.internal.PluginDirectory;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads PF4J plugin jars from a directory and keeps the registries of their extensions.
 *
 * <p>Every {@code *.jar} in the directory is loaded and started at {@link #start}, one at a time,
 * so that a broken jar (unreadable, missing {@code Plugin-Id} / {@code Plugin-Version}, unsatisfied
 * {@code Plugin-Dependencies}, an extension class that does not load or whose constructor throws)
 * fails alone: it is logged as a warning and reported by {@link #plugins()} as {@code FAILED} with a
 * reason naming the jar, and the host and the other plugins carry on. With
 * {@link PluginHostConfig#watch()} on, a jar dropped in (once its size has settled), removed or
 * replaced at run time is loaded, unloaded or reloaded, and the listeners are told; {@link #rescan()}
 * does the same on demand. Extension calls go through {@link #call}, which turns failures and hangs
 * into {@link ExtensionFailedException}.
 *
 * <p>Thread-safe. The getters are cheap (immutable snapshots) and never block on a
 * reconciliation in progress.
 */
public final class PluginHost implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final PluginHostConfig config;
    private final PluginDirectory directory;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile DirectoryWatcher watcher;

    private PluginHost(PluginHostConfig config) {
        this.config = config;
        this.directory = new PluginDirectory(config.pluginsDir());
    }

    /**
     * Creates the directory if it is missing, loads and starts every jar in it, and starts watching
     * it if configured. Never fails because of a plugin.
     *
     * @param config the configuration
     * @return the running host; close it to unload the plugins
     */
    public static PluginHost start(PluginHostConfig config) {
        PluginHost host = new PluginHost(config);
        try {
            Files.createDirectories(config.pluginsDir());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot create the plugins directory " + config.pluginsDir() + ": " + e);
        }
        host.directory.reconcile(false);
        if (config.watch()) {
            host.watcher = DirectoryWatcher.start(config.pluginsDir(), () -> {
                host.reconcile(true);
                return host.directory.hasPending();
            });
        }
        return host;
    }

    /**
     * Every jar in the directory and what it became, sorted by jar name.
     *
     * @return the plugins, {@code STARTED} or {@code FAILED} (with the reason); an immutable snapshot
     */
    public List<PluginInfo> plugins() {
        return directory.plugins();
    }

    /**
     * Every graph action of every started plugin. When two plugins provide the same action id, the
     * one whose jar name sorts first wins (the other is logged).
     *
     * @return the actions, sorted by id
     */
    public List<RegisteredAction> actions() {
        return directory.catalogue().actions();
    }

    /**
     * One action.
     *
     * @param id the action id
     * @return the action, if a started plugin provides it
     */
    public Optional<RegisteredAction> action(String id) {
        return Optional.ofNullable(directory.catalogue().byId().get(id));
    }

    /**
     * Every node executor of every started plugin.
     *
     * @return the executors, sorted by type
     */
    public List<NodeExecutor> nodeExecutors() {
        return directory.catalogue().executors();
    }

    /**
     * The executor of a node type (case-insensitive), wrapped so that each call runs with its
     * plugin's class loader as the thread's context class loader. A plugin loaded, replaced or
     * removed at run time is seen by the next call.
     *
     * @param type the node type
     * @return the executor, or empty when no started plugin provides the type
     */
    public Optional<NodeExecutor> nodeExecutor(String type) {
        return InPluginExecutors.find(nodeExecutors(), type);
    }

    /**
     * Every LLM provider of every started plugin.
     *
     * @return the providers, sorted by id
     */
    public List<LlmProvider> llmProviders() {
        return directory.catalogue().providers();
    }

    /**
     * Registers a listener, called after each load, unload or reload, on the thread that made it
     * (the watcher's, or the caller of {@link #rescan()}). A listener that throws is logged.
     *
     * @param catalogueChanged the listener; should return quickly
     */
    public void addListener(Runnable catalogueChanged) {
        listeners.add(catalogueChanged);
    }

    /**
     * Reconciles with the directory now: loads new jars, unloads removed ones and reloads replaced
     * ones (a changed size, modification time or content), without waiting for sizes to settle.
     * Returns when done; listeners are told before it returns if anything changed.
     */
    public void rescan() {
        reconcile(false);
    }

    private void reconcile(boolean settle) {
        if (directory.reconcile(settle)) {
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a plugin catalogue listener failed: " + e, e);
                }
            }
        }
    }

    /**
     * Runs an extension call on a new virtual thread and waits at most
     * {@link PluginHostConfig#callTimeout()}. On timeout the thread is interrupted and left to end
     * by itself; the host is not affected either way.
     *
     * @param pluginId the plugin whose extension runs (for messages)
     * @param what     what runs, for messages ({@code action 'duplicate'})
     * @param work     the call, for example {@code () -> action.apply(context)}
     * @param <T>      the result type
     * @return the call's result
     * @throws ExtensionFailedException if the call threw ({@code plugin 'p' action 'a' failed: boom})
     *                                  or did not finish in time ({@code ... did not finish within 5 s})
     */
    public <T> T call(String pluginId, String what, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().name("plugin-" + pluginId).start(task);
        String subject = "plugin '" + pluginId + "' " + what;
        try {
            return task.get(config.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ExtensionFailedException(pluginId, subject + " did not finish within "
                    + seconds(config.callTimeout()), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
            throw new ExtensionFailedException(pluginId, subject + " failed: " + message, cause);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExtensionFailedException(pluginId, subject + " was interrupted", e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.valueOf(d.toMillis() / 1000.0) + " s";
    }

    /**
     * Stops watching, then stops and unloads every plugin one by one, last loaded first, closing
     * their class loaders. Idempotent.
     */
    @Override
    public void close() {
        DirectoryWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        directory.close();
    }
}
