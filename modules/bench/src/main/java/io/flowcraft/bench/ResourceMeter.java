package io.flowcraft.bench;

import java.util.List;

/**
 * Measures the CPU the server and the bench itself spend over a scenario's measuring loop, and the
 * server's memory at its end. A loop made of several measured parts (with unmeasured work such as
 * closing connections between them) calls {@link #stop()} after each part and {@link #resume()}
 * before the next: the CPU times add up. Readings come from {@code /proc} in clock ticks (usually
 * 10 ms), so a part should last well over that; a CPU total under {@value #MIN_TICKS} ticks is too
 * coarse to divide and is reported as {@code n/a}, with a note.
 */
final class ResourceMeter {

    /** Fewer clock ticks than this in total make a per-unit CPU figure meaningless. */
    static final int MIN_TICKS = 5;

    private final ProcSampler server;
    private final ProcSampler self;
    private ProcSampler.Sample serverMark;
    private ProcSampler.Sample selfMark;
    private ProcSampler.Sample serverAfter;
    private double serverCpuMillis;
    private double selfCpuMillis;
    private boolean running;

    private ResourceMeter(ProcSampler server, ProcSampler self) {
        this.server = server;
        this.self = self;
        resume();
    }

    /** Takes the first readings. */
    static ResourceMeter start(ScenarioContext ctx) {
        return new ResourceMeter(ctx.server(), ctx.self());
    }

    /** Starts another measured part (after {@link #stop()}). */
    void resume() {
        serverMark = server == null ? null : server.sample();
        selfMark = self.sample();
        running = true;
    }

    /** Ends the current measured part: takes the readings and adds the CPU spent since the last start. */
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        ProcSampler.Sample selfAfter = self.sample();
        selfCpuMillis += self.cpuMillis(selfMark, selfAfter);
        if (server != null) {
            serverAfter = server.sample();
            serverCpuMillis += server.cpuMillis(serverMark, serverAfter);
        } else {
            serverCpuMillis = Double.NaN;
        }
    }

    /**
     * The figures, per unit of work.
     *
     * @param work the number of units (accepted syncs) the CPU time is divided by
     * @param per  the unit's name in metric names, e.g. {@code sync}
     */
    List<Metric> metrics(long work, String per) {
        return List.of(
                Metric.of("server_cpu_per_" + per, perUnit(server, serverCpuMillis, work), "ms"),
                Metric.of("bench_cpu_per_" + per, perUnit(self, selfCpuMillis, work), "ms"),
                Metric.of("server_rss", megabytes(serverAfter == null ? -1 : serverAfter.rssKb()), "MB"),
                Metric.of("server_rss_peak", megabytes(serverAfter == null ? -1 : serverAfter.hwmKb()), "MB"));
    }

    /** Notes for the report: CPU totals too small to measure. */
    List<String> notes() {
        List<String> notes = new java.util.ArrayList<>();
        if (server != null && tooCoarse(server, serverCpuMillis)) {
            notes.add("server CPU n/a: " + Math.round(serverCpuMillis) + " ms in total is under " + MIN_TICKS
                    + " clock ticks of " + Math.round(server.tickMillis()) + " ms (run more work)");
        }
        if (tooCoarse(self, selfCpuMillis)) {
            notes.add("bench CPU n/a: " + Math.round(selfCpuMillis) + " ms in total is under " + MIN_TICKS
                    + " clock ticks (run more work)");
        }
        return notes;
    }

    /** CPU milliseconds per unit of work, {@code NaN} without work, without readings or below the resolution. */
    static double perUnit(double cpuMillis, double tickMillis, long work) {
        if (work <= 0 || Double.isNaN(cpuMillis) || cpuMillis < MIN_TICKS * tickMillis - 1e-9) {
            return Double.NaN;
        }
        return cpuMillis / work;
    }

    private static double perUnit(ProcSampler sampler, double cpuMillis, long work) {
        return sampler == null ? Double.NaN : perUnit(cpuMillis, sampler.tickMillis(), work);
    }

    private static boolean tooCoarse(ProcSampler sampler, double cpuMillis) {
        return !Double.isNaN(cpuMillis) && cpuMillis < MIN_TICKS * sampler.tickMillis() - 1e-9;
    }

    private static double megabytes(long kib) {
        return kib < 0 ? Double.NaN : kib / 1024.0;
    }
}
