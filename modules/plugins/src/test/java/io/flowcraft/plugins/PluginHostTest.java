package io.flowcraft.plugins;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.flowcraft.plugins.TestActions.config;
import static io.flowcraft.plugins.TestActions.ids;
import static io.flowcraft.plugins.TestActions.info;
import static io.flowcraft.plugins.TestActions.marks;
import static io.flowcraft.plugins.TestActions.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host with one good plugin: catalogue, calls that work, throw or hang, and close. */
class PluginHostTest {
    @TempDir
    static Path work;
    static Path classes;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() throws Exception {
        classes = PluginJars.compile(work, Map.of(
                "Echo", PluginJars.marking("Echo", "fx-echo", "echoed", "yes"),
                "Throw", PluginJars.action("Throw", "fx-throw", "throw new IllegalStateException(\"boom\");"),
                "Hang", PluginJars.action("Hang", "fx-hang", """
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted");
                        }
                        return Changeset.empty();""")));
    }

    private PluginHost startWithFixtures() throws Exception {
        PluginJars.jar(classes, dir.resolve("fixtures-1.0.0.jar"), "fixtures", "1.0.0");
        return PluginHost.start(config(dir, false));
    }

    @Test
    void loadsTheJarsOfTheDirectory() throws Exception {
        try (PluginHost host = startWithFixtures()) {
            PluginInfo p = info(host, "fixtures-1.0.0.jar");
            assertEquals(new PluginInfo("fixtures", "1.0.0", "STARTED", Optional.empty(), "fixtures-1.0.0.jar",
                    List.of("fx-echo", "fx-hang", "fx-throw")), p);
            assertEquals(List.of("fx-echo", "fx-hang", "fx-throw"), ids(host), "sorted by id");
            RegisteredAction echo = host.action("fx-echo").orElseThrow();
            assertEquals("fixtures", echo.pluginId());
            assertEquals("fx-echo", echo.descriptor().label());
            assertTrue(host.action("nope").isEmpty());
            assertEquals(Map.of("echoed", "yes"), marks(run(host, "fx-echo")));
            assertTrue(host.nodeExecutors().isEmpty());
            assertTrue(host.llmProviders().isEmpty());
        }
    }

    @Test
    void aThrowingCallFailsWithThePluginAndTheHostCarriesOn() throws Exception {
        try (PluginHost host = startWithFixtures()) {
            ExtensionFailedException e = assertThrows(ExtensionFailedException.class, () -> run(host, "fx-throw"));
            assertEquals("fixtures", e.pluginId());
            assertEquals("plugin 'fixtures' action 'fx-throw' failed: boom", e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException);
            assertEquals(Map.of("echoed", "yes"), marks(run(host, "fx-echo")));
        }
    }

    @Test
    void aHangingCallIsCutAtTheTimeoutAndTheHostCarriesOn() throws Exception {
        try (PluginHost host = startWithFixtures()) {
            long t0 = System.nanoTime();
            ExtensionFailedException e = assertThrows(ExtensionFailedException.class, () -> run(host, "fx-hang"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("fixtures", e.pluginId());
            assertEquals("plugin 'fixtures' action 'fx-hang' did not finish within 0.5 s", e.getMessage());
            assertTrue(ms >= 450 && ms < 5_000, () -> "took " + ms + " ms");
            assertEquals(Map.of("echoed", "yes"), marks(run(host, "fx-echo")));
            assertEquals(Map.of("echoed", "yes"), marks(run(host, "fx-echo")));
        }
    }

    @Test
    void startCreatesAMissingDirectory() {
        Path missing = dir.resolve("a/b/plugins");
        try (PluginHost host = PluginHost.start(config(missing, true))) {
            assertTrue(Files.isDirectory(missing));
            assertTrue(host.plugins().isEmpty());
            assertTrue(host.actions().isEmpty());
        }
    }

    @Test
    void closeUnloadsThePluginsAndClosesTheirClassLoaders() throws Exception {
        PluginHost host = startWithFixtures();
        RegisteredAction echo = host.action("fx-echo").orElseThrow();
        URLClassLoader loader = (URLClassLoader) echo.action().getClass().getClassLoader();
        assertNotNull(loader.findResource("META-INF/extensions.idx"));
        host.close();
        assertNull(loader.findResource("META-INF/extensions.idx"), "the jar's class loader is closed");
        assertTrue(host.actions().isEmpty());
        assertTrue(host.plugins().isEmpty());
        host.rescan();
        assertTrue(host.plugins().isEmpty(), "a closed host loads nothing");
        host.close();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() throws Exception {
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            TestActions.Counter counter = new TestActions.Counter();
            host.addListener(() -> {
                throw new IllegalStateException("listener bug");
            });
            host.addListener(counter);
            PluginJars.jar(classes, dir.resolve("fixtures.jar"), "fixtures", "1.0.0");
            host.rescan();
            assertEquals(1, counter.calls.get());
            assertFalse(host.actions().isEmpty());
            host.rescan();
            assertEquals(1, counter.calls.get(), "nothing changed, nobody told");
        }
    }
}
