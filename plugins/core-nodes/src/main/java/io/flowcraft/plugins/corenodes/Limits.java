package io.flowcraft.plugins.corenodes;

import java.time.Duration;

/**
 * What one code job may use.
 *
 * @param timeout        wall-clock time before the whole process tree is killed
 * @param cpuSeconds     CPU seconds (RLIMIT_CPU)
 * @param memoryBytes    address space (RLIMIT_AS)
 * @param maxOutputBytes bytes of standard output (and, separately, of standard error) before the job is stopped
 * @param maxFileBytes   size of any file the job writes (RLIMIT_FSIZE)
 * @param maxProcesses   processes and threads (pids cgroup; RLIMIT_NPROC when running as nobody)
 */
record Limits(Duration timeout, long cpuSeconds, long memoryBytes, long maxOutputBytes, long maxFileBytes,
              int maxProcesses) {
    /** Default output cap: 1 MiB. */
    static final long DEFAULT_OUTPUT = 1 << 20;
    /** Default address space: 1 GiB (node and python start well within it). */
    static final long DEFAULT_MEMORY = 1L << 30;

    /**
     * Limits for a job with this timeout and output cap, and defaults for the rest.
     *
     * @param timeout        the wall-clock timeout
     * @param maxOutputBytes the output cap
     * @return the limits
     */
    static Limits of(Duration timeout, long maxOutputBytes) {
        return new Limits(timeout, Math.max(1, timeout.toSeconds() + 1), DEFAULT_MEMORY, maxOutputBytes,
                64L << 20, 64);
    }

    /** Limits for the start-up probe. */
    static Limits probe() {
        return of(Duration.ofSeconds(10), 4096);
    }
}
