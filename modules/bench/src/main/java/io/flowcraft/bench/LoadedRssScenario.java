package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code rss-loaded}: the measured server's resident memory after the scenarios before it, read
 * from {@code /proc/PID/status}: its peak ({@code VmHWM}, the loaded RSS) and its current size
 * ({@code VmRSS}). It runs last in a full run, so the peak is that of the whole load; the idle RSS
 * of a freshly started server is {@code cold-start}'s. Needs the server's pid (a launched server, or
 * {@code --pid}).
 */
final class LoadedRssScenario implements Scenario {

    @Override
    public String name() {
        return "rss-loaded";
    }

    @Override
    public String description() {
        return "the measured server's peak RSS (VmHWM) over the scenarios before, and its RSS now";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) {
        if (ctx.server() == null) {
            return ScenarioResult.failed(name(), "needs the server's process id: a launched server, or --url with --pid");
        }
        ProcSampler.Sample s = ctx.server().sample();
        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.of("server_rss_peak", s.hwmKb() < 0 ? Double.NaN : s.hwmKb() / 1024.0, "MiB"),
                Metric.of("server_rss_now", s.rssKb() < 0 ? Double.NaN : s.rssKb() / 1024.0, "MiB"),
                Metric.count("violations", 0)));
        return new ScenarioResult(name(), metrics, 0, List.of("peak = VmHWM of the server process since it started"),
                null);
    }
}
