package io.flowcraft.plugins;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Measures (prints, does not assert) how long starting a host with 20 plugin jars takes. */
class LoadTimeTest {
    private static final int JARS = 20;

    @TempDir
    Path work;

    @Test
    void twentyJarsAtStartup() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < JARS; i++) {
            sources.put("A" + i, PluginJars.marking("A" + i, "fx-a" + i, "a", String.valueOf(i)));
        }
        Path classes = PluginJars.compile(work, sources);
        Path dir = Files.createDirectories(work.resolve("plugins"));
        for (int i = 0; i < JARS; i++) {
            Path all = PluginJars.jar(classes, work.resolve("all.jar"), "p" + i, "1.0.0");
            List<String> others = new java.util.ArrayList<>();
            for (int j = 0; j < JARS; j++) {
                if (j != i) {
                    others.add("fx/A" + j + ".class");
                }
            }
            PluginJars.variant(all, dir.resolve("p" + i + ".jar"), Map.of(), "fx.A" + i + "\n", others);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            try (PluginHost host = PluginHost.start(new PluginHostConfig(dir, false, java.time.Duration.ofSeconds(5)))) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                best = Math.min(best, ms);
                assertEquals(JARS, host.actions().size());
                System.out.printf("PluginHost.start with %d plugin jars, round %d: %d ms%n", JARS, round + 1, ms);
            }
        }
        System.out.printf("PluginHost.start with %d plugin jars: best %d ms%n", JARS, best);
    }
}
