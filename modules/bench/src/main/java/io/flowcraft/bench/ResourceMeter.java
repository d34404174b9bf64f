package io.flowcraft.bench;

import java.util.List;

/**
 * Measures the CPU the server and the bench itself spend over a scenario's measuring loop, and the
 * server's memory at its end.
 */
final class ResourceMeter {

    private final ProcSampler server;
    private final ProcSampler self;
    private final ProcSampler.Sample serverBefore;
    private final ProcSampler.Sample selfBefore;
    private ProcSampler.Sample serverAfter;
    private ProcSampler.Sample selfAfter;

    private ResourceMeter(ProcSampler server, ProcSampler self) {
        this.server = server;
        this.self = self;
        this.serverBefore = server == null ? null : server.sample();
        this.selfBefore = self.sample();
    }

    /** Takes the first readings. */
    static ResourceMeter start(ScenarioContext ctx) {
        return new ResourceMeter(ctx.server(), ctx.self());
    }

    /** Takes the last readings. */
    void stop() {
        serverAfter = server == null ? null : server.sample();
        selfAfter = self.sample();
    }

    /**
     * The figures, per unit of work.
     *
     * @param work the number of units (accepted syncs) the CPU time is divided by
     * @param per  the unit's name in metric names, e.g. {@code sync}
     */
    List<Metric> metrics(long work, String per) {
        double serverCpu = server == null ? Double.NaN : server.cpuMillis(serverBefore, serverAfter);
        double selfCpu = self.cpuMillis(selfBefore, selfAfter);
        return List.of(
                Metric.of("server_cpu_per_" + per, work > 0 ? serverCpu / work : Double.NaN, "ms"),
                Metric.of("bench_cpu_per_" + per, work > 0 ? selfCpu / work : Double.NaN, "ms"),
                Metric.of("server_rss", megabytes(serverAfter == null ? -1 : serverAfter.rssKb()), "MB"),
                Metric.of("server_rss_peak", megabytes(serverAfter == null ? -1 : serverAfter.hwmKb()), "MB"));
    }

    private static double megabytes(long kib) {
        return kib < 0 ? Double.NaN : kib / 1024.0;
    }
}
