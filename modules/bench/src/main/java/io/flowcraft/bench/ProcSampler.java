package io.flowcraft.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's CPU time and memory from Linux {@code /proc}: {@code utime + stime} from
 * {@code /proc/PID/stat} (in clock ticks) and {@code VmRSS} / {@code VmHWM} from {@code /proc/PID/status}.
 */
final class ProcSampler {

    /**
     * One reading.
     *
     * @param cpuTicks user plus system CPU time in clock ticks, {@code -1} when unknown
     * @param rssKb    resident set size in KiB, {@code -1} when unknown
     * @param hwmKb    peak resident set size in KiB, {@code -1} when unknown
     */
    record Sample(long cpuTicks, long rssKb, long hwmKb) {
    }

    private final long pid;
    private final long ticksPerSecond;

    /**
     * @param pid            the process to read
     * @param ticksPerSecond the kernel's clock ticks per second ({@link #clockTicks()})
     */
    ProcSampler(long pid, long ticksPerSecond) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** The process id. */
    long pid() {
        return pid;
    }

    /** The length of one clock tick, the resolution of the CPU times, in milliseconds. */
    double tickMillis() {
        return 1000.0 / ticksPerSecond;
    }

    /** Whether the process exists and can be read. */
    boolean readable() {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Reads the process now; unreadable values are {@code -1}. */
    Sample sample() {
        long cpu = -1;
        try {
            cpu = parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            // the process is gone or /proc is missing: unknown
        }
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return new Sample(cpu, rss, hwm);
    }

    /** CPU milliseconds spent between two samples, {@code NaN} when either is unknown. */
    double cpuMillis(Sample before, Sample after) {
        if (before.cpuTicks() < 0 || after.cpuTicks() < 0) {
            return Double.NaN;
        }
        return (after.cpuTicks() - before.cpuTicks()) * 1000.0 / ticksPerSecond;
    }

    /**
     * {@code utime + stime} from the text of {@code /proc/PID/stat}. The command name (field 2) may
     * hold spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    static long parseCpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    /** The kernel's clock ticks per second from {@code getconf CLK_TCK}, or 100 when unavailable. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                long ticks = Long.parseLong(out);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
