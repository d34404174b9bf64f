package io.flowcraft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * {@code plugins-20}: what 20 extra plugin jars add to a server's cold start (launch → first
 * WebSocket message, see {@link ColdStart}) and to its idle resident memory, against the same server
 * with only the shipped plugins (targets: at most {@value #TARGET_MS} ms and {@value #TARGET_MIB}
 * MiB more, medians of interleaved launches). The extra jars are copies of the shipped graph-actions
 * plugin under 20 plugin ids. Needs a server the bench launches itself (not {@code --url}).
 */
final class PluginLoadScenario extends BenchScenario {
    static final int JARS = 20;
    /** The goal for the start time 20 extra jars add, in ms. */
    static final double TARGET_MS = 300;
    /** The goal for the memory 20 extra jars add, in MiB. */
    static final double TARGET_MIB = 50;

    PluginLoadScenario() {
        super("plugins-20", "cold start and idle RSS with 20 extra plugin jars against the shipped plugins alone");
    }

    @Override
    public Duration limit(ScenarioContext ctx) {
        return ColdStart.SCENARIO_LIMIT;
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        Path shippedDir = PluginJars.shipped(PluginJars.modulePath())
                .orElseThrow(() -> new BenchException("plugins-20 needs the distribution's plugins/ folder "
                        + "(run it with java -p <dist>/lib …, as ./flowcraft bench does)"));
        Path graphActions = shippedDir.resolve("graph-actions.jar");
        if (!Files.isRegularFile(graphActions)) {
            throw new BenchException("plugins-20 needs the distribution's plugins/graph-actions.jar");
        }
        int launches = ColdStart.launches(ctx);
        Path extra = null;
        try {
            extra = Files.createTempDirectory("flowcraft-bench-plugins20-");
            try (var jars = Files.list(shippedDir)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, extra.resolve(jar.getFileName()));
                }
            }
            for (int i = 0; i < JARS; i++) {
                variant(graphActions, extra.resolve("graph-actions-" + i + ".jar"), "graph-actions-" + i);
            }
            Map<String, LaunchSpec> variants = new LinkedHashMap<>();
            variants.put("shipped", LaunchSpec.served());
            variants.put("extra", LaunchSpec.withPlugins(extra));
            Map<String, List<ColdStart>> starts = ColdStart.series(ctx.clients(), variants, launches,
                    ColdStart.settle(ctx));
            return result(launches, starts.get("shipped"), starts.get("extra"));
        } catch (IOException e) {
            throw new BenchException("cannot prepare plugin jars: " + e.getMessage(), e);
        } finally {
            PluginJars.deleteTree(extra);
        }
    }

    private ScenarioResult result(int launches, List<ColdStart> shipped, List<ColdStart> extra) {
        double start = ColdStart.summary(shipped, ColdStart::firstMessageMs).median();
        double startExtra = ColdStart.summary(extra, ColdStart::firstMessageMs).median();
        double rss = ColdStart.summary(shipped, ColdStart::idleRssMib).median();
        double rssExtra = ColdStart.summary(extra, ColdStart::idleRssMib).median();
        List<Metric> metrics = new ArrayList<>(List.of(Metric.count("jars", JARS), Metric.count("launches", launches),
                Metric.of("first_ws_shipped_p50", start, "ms"), Metric.of("first_ws_plus20_p50", startExtra, "ms"),
                Metric.of("added_start", startExtra - start, "ms").atMost(TARGET_MS),
                Metric.of("added_start_per_jar", (startExtra - start) / JARS, "ms"),
                Metric.of("idle_rss_shipped_p50", rss, "MiB"), Metric.of("idle_rss_plus20_p50", rssExtra, "MiB"),
                Metric.of("added_rss", rssExtra - rss, "MiB").atMost(TARGET_MIB),
                Metric.count("violations", 0)));
        return new ScenarioResult(name(), metrics, 0, List.of("start = launch of a new server JVM until a client "
                + "has its first message (see cold-start); added = difference of the medians"), null);
    }

    /** A copy of {@code source} under another plugin id. */
    static void variant(Path source, Path target, String pluginId) throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().put(new Attributes.Name("Plugin-Id"), pluginId);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), m)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
