package io.flowcraft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The processes this program's jobs started. A cancelled job is killed on its node's thread after
 * the run has already ended, and a sandbox's inner processes are reparented once its outer process
 * dies; so the command notes every descendant while the run ends and, before it exits, waits a
 * moment for them to end and kills those left. Not thread-safe; used by one command.
 */
final class Children {
    private final Set<ProcessHandle> seen = new HashSet<>();

    /** Notes the current descendants of this process. */
    void note() {
        ProcessHandle.current().descendants().forEach(seen::add);
    }

    /**
     * Waits up to {@code grace} for every noted or current descendant to end, then kills the rest.
     *
     * @param grace how long to wait
     */
    void reap(Duration grace) {
        note();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (seen.stream().anyMatch(Children::running) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stream.concat(seen.stream(), ProcessHandle.current().descendants()).filter(Children::running)
                .forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Whether a process still runs: alive, and (where {@code /proc} tells) not a zombie waiting for
     * a parent that never reaps it.
     *
     * @param p the process
     * @return {@code true} while it runs
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int name = stat.lastIndexOf(')');
            return name < 0 || name + 2 >= stat.length() || stat.charAt(name + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
