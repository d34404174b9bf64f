package io.flowcraft.plugins.internal;

import io.flowcraft.plugins.PluginInfo;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The jars of the plugins directory and what each became: reconciles them with the directory
 * (load new jars, unload removed ones, reload replaced ones) and keeps the catalogue of the started
 * ones. Logs each outcome once. Thread-safe: reconciliations are serialized; the getters return
 * immutable snapshots without waiting for one in progress.
 */
public final class PluginDirectory {
    private static final System.Logger LOG = System.getLogger(PluginDirectory.class.getName());

    private final Path dir;
    private final JarLoader loader;
    private final ReentrantLock lock = new ReentrantLock();
    /** By path, which is also the load order. */
    private final Map<Path, LoadedJar> jars = new TreeMap<>();
    /** Jars seen changed once, by their stamp then: loaded when seen again unchanged. */
    private final Map<Path, JarStamp> pending = new HashMap<>();
    private volatile Catalogue catalogue = Catalogue.EMPTY;
    private volatile List<PluginInfo> plugins = List.of();
    private boolean closed;

    /**
     * Creates an empty view of a directory; {@link #reconcile} loads its jars.
     *
     * @param dir the plugins directory
     */
    public PluginDirectory(Path dir) {
        this.dir = dir;
        this.loader = new JarLoader(dir);
    }

    /**
     * Brings the loaded plugins in line with the directory.
     *
     * @param settle {@code true} to load a new or changed jar only once its stamp is the same on two
     *               calls in a row (it may still be being copied); {@code false} to load it now and
     *               to compare content hashes of jars whose stamp did not change
     * @return whether the catalogue or a plugin's state changed
     */
    public boolean reconcile(boolean settle) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            Map<Path, JarStamp> present = scan();
            Map<Path, PluginInfo> removed = new TreeMap<>();
            for (Path gone : List.copyOf(jars.keySet())) {
                if (!present.containsKey(gone)) {
                    LoadedJar jar = jars.remove(gone);
                    unload(jar);
                    removed.put(gone, jar.info());
                }
            }
            pending.keySet().retainAll(present.keySet());
            Set<Path> loaded = new TreeSet<>();
            present.forEach((path, stamp) -> {
                if (update(path, stamp, settle)) {
                    loaded.add(path);
                }
            });
            if (removed.isEmpty() && loaded.isEmpty()) {
                return false;
            }
            loaded.addAll(retryDependents());
            catalogue = loader.catalogue(jars.values());
            plugins = jars.values().stream().map(LoadedJar::info).toList();
            removed.values().forEach(info -> LOG.log(Level.INFO, "plugin jar " + info.jar() + " removed"
                    + info.failure().map(f -> "").orElse(": plugin '" + info.id() + "' unloaded")));
            loaded.forEach(path -> log(jars.get(path).info()));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the jar was (re)loaded */
    private boolean update(Path path, JarStamp stamp, boolean settle) {
        LoadedJar known = jars.get(path);
        boolean sameStamp = known != null && known.stamp().equals(stamp);
        if (settle && sameStamp) {
            pending.remove(path);
            return false;
        }
        if (settle && !stamp.equals(pending.put(path, stamp))) {
            return false;
        }
        pending.remove(path);
        String hash = JarStamp.hash(path).orElse("");
        if (known != null && known.hash().equals(hash)) {
            jars.put(path, known.withStamp(stamp));
            return false;
        }
        if (known != null) {
            unload(known);
        }
        jars.put(path, loader.load(path, stamp, hash));
        return true;
    }

    /**
     * Reloads jars that failed only for want of other plugins, and jars PF4J unloaded with a
     * dependency, until nothing more starts.
     *
     * @return the jars reloaded
     */
    private Set<Path> retryDependents() {
        Set<Path> reloaded = new TreeSet<>();
        for (int round = 0; round <= jars.size(); round++) {
            boolean progress = false;
            for (LoadedJar jar : List.copyOf(jars.values())) {
                boolean lost = jar.pluginId().isPresent() && !loader.isStarted(jar.pluginId().get());
                if (lost || jar.needsOthers()) {
                    jar.pluginId().ifPresent(loader::unload);
                    LoadedJar again = loader.load(jar.path(), jar.stamp(), jar.hash());
                    jars.put(jar.path(), again);
                    if (lost || !again.info().equals(jar.info())) {
                        reloaded.add(jar.path());
                    }
                    progress |= again.pluginId().isPresent() && jar.pluginId().isEmpty();
                }
            }
            if (!progress) {
                break;
            }
        }
        return reloaded;
    }

    private static void log(PluginInfo info) {
        if (info.failure().isPresent()) {
            LOG.log(Level.WARNING, "plugin jar " + info.failure().get());
        } else {
            LOG.log(Level.INFO, "plugin '" + info.id() + "' " + info.version() + " started from " + info.jar()
                    + ": " + info.extensions());
        }
    }

    private Map<Path, JarStamp> scan() {
        Map<Path, JarStamp> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .forEach(p -> JarStamp.of(p).ifPresent(s -> out.put(p, s)));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the plugins directory " + dir + ": " + e.getMessage());
            out.clear();
            jars.forEach((path, jar) -> out.put(path, jar.stamp()));
        }
        return out;
    }

    private void unload(LoadedJar jar) {
        jar.pluginId().flatMap(loader::unload).ifPresent(problem -> LOG.log(Level.WARNING, problem));
    }

    /**
     * Every jar seen, by jar name.
     *
     * @return what each jar became
     */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /**
     * The extensions of the started plugins.
     *
     * @return the current catalogue
     */
    public Catalogue catalogue() {
        return catalogue;
    }

    /**
     * Whether a jar was seen changing and awaits a second look.
     *
     * @return {@code true} if one does
     */
    public boolean hasPending() {
        lock.lock();
        try {
            return !pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Stops and unloads every plugin one by one, last loaded first (PF4J issue 656). */
    public void close() {
        lock.lock();
        try {
            closed = true;
            List<LoadedJar> all = new ArrayList<>(jars.values());
            for (int i = all.size() - 1; i >= 0; i--) {
                unload(all.get(i));
            }
            jars.clear();
            pending.clear();
            catalogue = Catalogue.EMPTY;
            plugins = List.of();
        } finally {
            lock.unlock();
        }
    }
}
