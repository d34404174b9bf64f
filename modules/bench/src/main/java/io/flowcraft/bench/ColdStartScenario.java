package io.flowcraft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cold-start}: launches of a new server JVM as {@code flowcraft serve} starts it (its JVM
 * options, the shipped plugins), each measured until a client that connects as soon as the server
 * listens has its first WebSocket message (target at most {@value #TARGET_MS} ms, median), and the
 * server's idle resident memory a few seconds later (target at most {@value #TARGET_RSS_MIB} MiB).
 * On JDK 25+ the same launches are measured with an AOT cache (created first by a training run, as
 * {@code serve --aot} does), interleaved with the plain ones. Needs a server the bench launches.
 */
final class ColdStartScenario extends BenchScenario {

    /** The goal for launch → first WebSocket message with the bundled plugins, in ms. */
    static final double TARGET_MS = 500;
    /** The goal for the idle server's resident memory, in MiB. */
    static final double TARGET_RSS_MIB = 120;

    private static final String PLAIN = "plain";
    private static final String AOT = "aot";

    ColdStartScenario() {
        super("cold-start", "launch -> first WebSocket message and idle RSS, as serve starts (and with serve --aot)");
    }

    @Override
    public Duration limit(ScenarioContext ctx) {
        return ColdStart.SCENARIO_LIMIT;
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        int launches = ColdStart.launches(ctx);
        Duration settle = ColdStart.settle(ctx);
        List<String> notes = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>(List.of(Metric.count("launches", launches)));
        Map<String, LaunchSpec> variants = new LinkedHashMap<>();
        variants.put(PLAIN, LaunchSpec.served());
        Path dir = null;
        try {
            if (AotCache.supported()) {
                dir = Files.createTempDirectory("flowcraft-bench-aot-");
                Path cache = dir.resolve("server.aot");
                Duration created = AotCache.create(cache, LaunchSpec.served(), ctx.clients(), null);
                metrics.add(Metric.of("aot_cache_create", created.toMillis() / 1000.0, "s"));
                metrics.add(Metric.of("aot_cache_size", Files.size(cache) / (1024.0 * 1024), "MiB"));
                variants.put(AOT, LaunchSpec.served().withJvmOptions(AotCache.useOptions(cache)));
            } else {
                notes.add("no AOT figures: JDK " + Runtime.version().feature() + " has no -XX:AOTCacheOutput (JDK "
                        + AotCache.MIN_FEATURE + "+)");
            }
            Map<String, List<ColdStart>> starts = ColdStart.series(ctx.clients(), variants, launches, settle);
            for (Map.Entry<String, List<ColdStart>> e : starts.entrySet()) {
                metrics.addAll(figures(e.getKey().equals(PLAIN) ? "" : e.getKey() + "_", e.getValue()));
            }
        } catch (IOException e) {
            throw new BenchException("cannot prepare the AOT cache: " + e.getMessage(), e);
        } finally {
            PluginJars.deleteTree(dir);
        }
        metrics.add(Metric.count("violations", 0));
        notes.add("start = new server JVM launched (" + String.join(" ", LaunchSpec.serveOptions())
                + ", shipped plugins) -> a client connected at 'listening on' has its sync_graph; idle RSS = VmRSS "
                + settle.toMillis() / 1000.0 + " s later; medians of " + launches + " launches, variants interleaved");
        return new ScenarioResult(name(), metrics, 0, notes, null);
    }

    /** The rows of one variant: first message (median, min, max), listening (median), idle RSS (median). */
    static List<Metric> figures(String prefix, List<ColdStart> starts) {
        Summary first = ColdStart.summary(starts, ColdStart::firstMessageMs);
        return List.of(
                Metric.of(prefix + "first_ws_p50", first.median(), "ms").atMost(TARGET_MS),
                Metric.of(prefix + "first_ws_min", first.min(), "ms"),
                Metric.of(prefix + "first_ws_max", first.max(), "ms"),
                Metric.of(prefix + "listening_p50", ColdStart.summary(starts, ColdStart::listeningMs).median(), "ms"),
                Metric.of(prefix + "idle_rss_p50", ColdStart.summary(starts, ColdStart::idleRssMib).median(), "MiB")
                        .atMost(TARGET_RSS_MIB));
    }
}
