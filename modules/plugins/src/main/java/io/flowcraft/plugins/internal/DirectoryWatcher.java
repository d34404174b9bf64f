package io.flowcraft.plugins.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches the plugins directory on a virtual thread and asks for a reconciliation when it changes:
 * after a burst of file events has been quiet for {@link #SETTLE}, and every {@link #FALLBACK}
 * anyway (file systems where the {@link WatchService} misses events). While a jar awaits its
 * second look (its size may still grow), the next look comes after {@link #SETTLE}.
 */
public final class DirectoryWatcher implements AutoCloseable {
    /** How long the directory must be quiet, and the gap between two looks at a changing jar. */
    static final Duration SETTLE = Duration.ofMillis(300);
    /** The rescan period when nothing is reported. */
    static final Duration FALLBACK = Duration.ofSeconds(2);
    /** The longest a burst of events may postpone a look. */
    private static final Duration MAX_DEFER = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(DirectoryWatcher.class.getName());

    private final WatchService service;
    private final BooleanSupplier reconcile;
    private final Thread thread;
    private volatile boolean closed;

    private DirectoryWatcher(Path dir, BooleanSupplier reconcile) {
        this.reconcile = reconcile;
        this.service = register(dir);
        this.thread = Thread.ofVirtual().name("plugins-watcher").unstarted(this::run);
    }

    /**
     * Starts watching.
     *
     * @param dir       the directory
     * @param reconcile reconciles the directory with a second look at changed jars; returns whether
     *                  a jar still awaits its second look
     * @return the running watcher
     */
    public static DirectoryWatcher start(Path dir, BooleanSupplier reconcile) {
        DirectoryWatcher watcher = new DirectoryWatcher(dir, reconcile);
        watcher.thread.start();
        return watcher;
    }

    private static WatchService register(Path dir) {
        try {
            WatchService ws = dir.getFileSystem().newWatchService();
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            return ws;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "cannot watch " + dir + " (" + e.getMessage() + "): checking it every "
                    + FALLBACK.toSeconds() + " s instead");
            return null;
        }
    }

    private void run() {
        boolean pending = false;
        while (!closed) {
            try {
                if (await(pending ? SETTLE : FALLBACK)) {
                    long deadline = System.nanoTime() + MAX_DEFER.toNanos();
                    while (System.nanoTime() < deadline && await(SETTLE)) {
                        // a burst of events (a copy in progress): wait until it is quiet
                    }
                }
                pending = reconcile.getAsBoolean();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking the plugins directory failed: " + e.getMessage(), e);
            }
        }
    }

    /** @return whether an event arrived within the time */
    private boolean await(Duration time) throws InterruptedException {
        if (service == null) {
            Thread.sleep(time);
            return false;
        }
        WatchKey key = service.poll(time.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            return false;
        }
        key.pollEvents();
        key.reset();
        return true;
    }

    /** Stops watching and waits (briefly) for a reconciliation in progress to end. */
    @Override
    public void close() {
        closed = true;
        try {
            if (service != null) {
                service.close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the watch service: " + e.getMessage());
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
