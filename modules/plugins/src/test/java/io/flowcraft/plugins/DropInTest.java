package io.flowcraft.plugins;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static io.flowcraft.plugins.TestActions.config;
import static io.flowcraft.plugins.TestActions.ids;
import static io.flowcraft.plugins.TestActions.info;
import static io.flowcraft.plugins.TestActions.marks;
import static io.flowcraft.plugins.TestActions.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jars dropped in, removed and replaced while the host runs: by {@code rescan()} and by the watcher. */
class DropInTest {
    @TempDir
    static Path work;
    static Path v1;
    static Path v2;
    static Path base;
    static Path dependent;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        v1 = PluginJars.jar(PluginJars.compile(work, Map.of("Stamp", PluginJars.marking("Stamp", "fx-stamp", "v", "1"))),
                work.resolve("v1.jar"), "stamper", "1.0.0");
        v2 = PluginJars.jar(PluginJars.compile(work, Map.of("Stamp", PluginJars.marking("Stamp", "fx-stamp", "v", "2"))),
                work.resolve("v2.jar"), "stamper", "2.0.0");
        base = PluginJars.jar(PluginJars.compile(work, Map.of("Base", PluginJars.marking("Base", "fx-base", "b", "1"))),
                work.resolve("base.jar"), "base", "1.0.0");
        dependent = PluginJars.variant(PluginJars.jar(PluginJars.compile(work, Map.of("Dep",
                        PluginJars.marking("Dep", "fx-dep", "d", "1"))), work.resolve("dep0.jar"), "dependent", "1.0.0"),
                work.resolve("dep.jar"), Map.of("Plugin-Dependencies", "base@>=1.0.0"), null, List.of());
    }

    @Test
    void rescanLoadsUnloadsAndReloadsAndTellsTheListeners() throws Exception {
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            TestActions.Counter told = new TestActions.Counter();
            host.addListener(told);
            Path jar = dir.resolve("stamper.jar");
            Files.copy(v1, jar);
            host.rescan();
            assertEquals(1, told.calls.get());
            assertEquals("1.0.0", info(host, "stamper.jar").version());
            assertEquals(Map.of("v", "1"), marks(run(host, "fx-stamp")));
            URLClassLoader oldLoader = (URLClassLoader) host.action("fx-stamp").orElseThrow().action().getClass()
                    .getClassLoader();

            Files.copy(v2, jar, StandardCopyOption.REPLACE_EXISTING);
            host.rescan();
            assertEquals(2, told.calls.get());
            assertEquals("2.0.0", info(host, "stamper.jar").version(), "same plugin id, reloaded");
            assertEquals(Map.of("v", "2"), marks(run(host, "fx-stamp")), "new behaviour");
            assertNull(oldLoader.findResource("META-INF/extensions.idx"), "the old class loader is closed");

            Files.delete(jar);
            host.rescan();
            assertEquals(3, told.calls.get());
            assertTrue(host.plugins().isEmpty());
            assertTrue(host.action("fx-stamp").isEmpty());
        }
    }

    @Test
    void rescanNoticesNewContentEvenWithTheSameSizeAndTime() throws Exception {
        Path a = PluginJars.variant(v1, work.resolve("same-a.jar"), Map.of("Plugin-Version", "1.0.1"), null, List.of());
        Path b = PluginJars.variant(v1, work.resolve("same-b.jar"), Map.of("Plugin-Version", "1.0.2"), null, List.of());
        assertEquals(Files.size(a), Files.size(b), "the two jars differ only in content");
        Path jar = dir.resolve("stamper.jar");
        Files.copy(a, jar);
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            assertEquals("1.0.1", info(host, "stamper.jar").version());
            var time = Files.getLastModifiedTime(jar);
            Files.write(jar, Files.readAllBytes(b));
            Files.setLastModifiedTime(jar, time);
            host.rescan();
            assertEquals("1.0.2", info(host, "stamper.jar").version(), "same size and time, new content: reloaded");
            assertEquals(Map.of("v", "1"), marks(run(host, "fx-stamp")));
        }
    }

    @Test
    void dependenciesResolveWhateverTheJarOrderAndFollowTheirDependency() throws Exception {
        Files.copy(dependent, dir.resolve("a-dependent.jar"));
        Files.copy(base, dir.resolve("z-base.jar"));
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            assertEquals("STARTED", info(host, "a-dependent.jar").state(), () -> host.plugins().toString());
            assertEquals(List.of("fx-base", "fx-dep"), ids(host));
            Files.delete(dir.resolve("z-base.jar"));
            host.rescan();
            PluginInfo orphan = info(host, "a-dependent.jar");
            assertEquals("FAILED", orphan.state());
            assertTrue(orphan.failure().orElseThrow().contains("base"), orphan::toString);
            assertEquals(List.of(), ids(host));
            Files.copy(base, dir.resolve("z-base.jar"));
            host.rescan();
            assertEquals("STARTED", info(host, "a-dependent.jar").state(), () -> host.plugins().toString());
            assertEquals(Map.of("d", "1"), marks(run(host, "fx-dep")));
        }
    }

    @Test
    void theWatcherPicksUpDropInRemovalAndReplacement() throws Exception {
        try (PluginHost host = PluginHost.start(config(dir, true))) {
            List<String> seen = new CopyOnWriteArrayList<>();
            host.addListener(() -> seen.add(host.plugins().toString()));
            Path jar = dir.resolve("stamper.jar");
            slowCopy(v1, jar);
            waitFor(() -> host.action("fx-stamp").isPresent(), "the dropped-in jar is loaded");
            assertEquals(Map.of("v", "1"), marks(run(host, "fx-stamp")));
            assertTrue(seen.stream().noneMatch(s -> s.contains("FAILED")),
                    () -> "a jar being copied is not loaded half-written: " + seen);

            Path tmp = work.resolve("replacement.tmp");
            Files.copy(v2, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            waitFor(() -> info(host, "stamper.jar").version().equals("2.0.0"), "the replaced jar is reloaded");
            assertEquals(Map.of("v", "2"), marks(run(host, "fx-stamp")));

            int before = seen.size();
            Files.delete(jar);
            waitFor(() -> host.action("fx-stamp").isEmpty() && seen.size() > before, "the removed jar is unloaded");
            assertTrue(host.plugins().isEmpty());
        }
    }

    /** Copies a jar the way a slow network copy would: in pieces, with pauses. */
    private static void slowCopy(Path from, Path to) throws Exception {
        byte[] bytes = Files.readAllBytes(from);
        int piece = bytes.length / 8 + 1;
        try (OutputStream out = Files.newOutputStream(to)) {
            for (int i = 0; i < bytes.length; i += piece) {
                out.write(bytes, i, Math.min(piece, bytes.length - i));
                out.flush();
                Thread.sleep(60);
            }
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(25);
        }
    }
}
