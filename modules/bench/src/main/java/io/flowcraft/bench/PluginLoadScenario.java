package io.flowcraft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * {@code plugins-20}: how much 20 plugin jars add to the server's start (launch → listening),
 * against a start with none. The jars are copies of the shipped graph-actions plugin under 20
 * plugin ids. Needs a server the bench launches itself (not {@code --url}).
 */
final class PluginLoadScenario implements Scenario {
    private static final int JARS = 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "plugins-20";
    }

    @Override
    public String description() {
        return "server start with 20 plugin jars against none";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        Path shipped = ServerLauncher.shippedPlugins(ServerLauncher.modulePath()).flatMap(PluginLoadScenario::graphActions)
                .orElseThrow(() -> new BenchException("plugins-20 needs the distribution's plugins/graph-actions.jar "
                        + "(run it with java -p <dist>/lib …, as ./flowcraft bench does)"));
        int trials = ctx.options().quick() ? 1 : 5;
        Path none;
        Path twenty;
        try {
            none = Files.createTempDirectory("flowcraft-bench-plugins0-");
            twenty = Files.createTempDirectory("flowcraft-bench-plugins20-");
            for (int i = 0; i < JARS; i++) {
                variant(shipped, twenty.resolve("graph-actions-" + i + ".jar"), "graph-actions-" + i);
            }
        } catch (IOException e) {
            throw new BenchException("cannot prepare plugin jars: " + e.getMessage(), e);
        }
        long without = Long.MAX_VALUE;
        long with = Long.MAX_VALUE;
        try {
            for (int t = 0; t < trials; t++) {
                without = Math.min(without, startNanos(none));
                with = Math.min(with, startNanos(twenty));
            }
        } finally {
            delete(none);
            delete(twenty);
        }
        // the fastest of several starts: a start is a new JVM, and noise only ever adds time
        double base = without / 1e6;
        double loaded = with / 1e6;
        List<Metric> metrics = new ArrayList<>(List.of(Metric.count("jars", JARS), Metric.count("trials", trials),
                Metric.of("start_no_plugins_min", base, "ms"), Metric.of("start_20_plugins_min", loaded, "ms"),
                Metric.of("load_20_plugins", loaded - base, "ms"), Metric.of("per_plugin", (loaded - base) / JARS, "ms"),
                Metric.count("violations", 0)));
        return new ScenarioResult(name(), metrics, 0, List.of("start = launch of a new server JVM until it listens"), null);
    }

    private static long startNanos(Path plugins) throws BenchException, InterruptedException {
        long start = System.nanoTime();
        try (ServerLauncher server = ServerLauncher.start(START_TIMEOUT, null, Optional.of(plugins))) {
            return System.nanoTime() - start;
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static Optional<Path> graphActions(Path dir) {
        Path jar = dir.resolve("graph-actions.jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
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
