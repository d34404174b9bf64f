package io.flowcraft.bench;

import java.util.List;

/**
 * Measures the CPU the server and the bench itself spend over a scenario's measuring loop, and the
 * server's memory at its end. A loop made of several measured parts (with unmeasured work such as
 * closing connections between them) calls {@link #stop()} after each part and {@link #resume()}
 * before the next: the CPU times add up. Readings come from {@code /proc} in clock ticks (usually
 * 10 ms), so a part should last well over that.
 */
final class ResourceMeter {

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
                Metric.of("server_cpu_per_" + per, work > 0 ? serverCpuMillis / work : Double.NaN, "ms"),
                Metric.of("bench_cpu_per_" + per, work > 0 ? selfCpuMillis / work : Double.NaN, "ms"),
                Metric.of("server_rss", megabytes(serverAfter == null ? -1 : serverAfter.rssKb()), "MB"),
                Metric.of("server_rss_peak", megabytes(serverAfter == null ? -1 : serverAfter.hwmKb()), "MB"));
    }

    private static double megabytes(long kib) {
        return kib < 0 ? Double.NaN : kib / 1024.0;
    }
}
