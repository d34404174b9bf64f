package io.flowcraft.plugins;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.flowcraft.plugins.TestActions.config;
import static io.flowcraft.plugins.TestActions.ids;
import static io.flowcraft.plugins.TestActions.info;
import static io.flowcraft.plugins.TestActions.marks;
import static io.flowcraft.plugins.TestActions.run;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of broken jar is reported with the jar and the reason, and the good jar beside it works. */
class BrokenJarsTest {
    @TempDir
    static Path work;
    static Path good;
    static Path ctor;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        Path classes = PluginJars.compile(work, Map.of(
                "Mark", PluginJars.marking("Mark", "fx-mark", "marked", "yes"),
                "Helped", PluginJars.action("Helped", "fx-helped", "return Helper.changes();")
                        .replace("public class Helped implements", "public class Helped extends Base implements"),
                "Base", "package fx; abstract class Base { }",
                "Helper", """
                        package fx;
                        final class Helper {
                            static io.flowcraft.api.Changeset changes() { return io.flowcraft.api.Changeset.empty(); }
                        }
                        """));
        good = PluginJars.jar(classes, work.resolve("good.jar"), "good", "1.0.0");
        Path ctorClasses = PluginJars.compile(work, Map.of("Broken", PluginJars.action("Broken", "fx-broken",
                "return Changeset.empty();").replace("public class Broken implements GraphAction {", """
                public class Broken implements GraphAction {
                    public Broken() { throw new IllegalStateException("no config for this extension"); }""")));
        ctor = PluginJars.jar(ctorClasses, work.resolve("ctor.jar"), "ctor", "1.0.0");
    }

    @BeforeEach
    void goodJar() throws Exception {
        Files.copy(good, dir.resolve("good.jar"));
    }

    private PluginInfo brokenBesideAGoodOne(String jar) {
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            assertEquals("STARTED", info(host, "good.jar").state(), () -> "the good jar: " + host.plugins());
            assertEquals(List.of("fx-helped", "fx-mark"), ids(host));
            assertEquals(Map.of("marked", "yes"), marks(run(host, "fx-mark")));
            PluginInfo broken = info(host, jar);
            assertAll(() -> assertEquals("FAILED", broken.state()),
                    () -> assertTrue(broken.failure().orElseThrow().contains(jar), () -> "names the jar: " + broken),
                    () -> assertTrue(broken.extensions().isEmpty()));
            return broken;
        }
    }

    private static Map<String, String> entries(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void randomBytes() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(dir.resolve("noise.jar"), noise);
        PluginInfo p = brokenBesideAGoodOne("noise.jar");
        assertEquals("noise", p.id(), "named after the jar when the manifest cannot be read");
        assertTrue(p.failure().orElseThrow().contains("not a readable jar"), p::toString);
    }

    @Test
    void truncatedJar() throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(brokenBesideAGoodOne("truncated.jar").failure().orElseThrow().contains("not a readable jar"));
    }

    @Test
    void noPluginId() throws Exception {
        PluginJars.variant(good, dir.resolve("no-id.jar"), entries("Plugin-Id", null), null, List.of());
        assertTrue(brokenBesideAGoodOne("no-id.jar").failure().orElseThrow().contains("no Plugin-Id"));
    }

    @Test
    void noPluginVersion() throws Exception {
        PluginJars.variant(good, dir.resolve("no-version.jar"), entries("Plugin-Id", "nov", "Plugin-Version", null),
                null, List.of());
        PluginInfo p = brokenBesideAGoodOne("no-version.jar");
        assertEquals("nov", p.id());
        assertTrue(p.failure().orElseThrow().contains("no Plugin-Version"), p::toString);
    }

    @Test
    void unsatisfiedDependency() throws Exception {
        PluginJars.variant(good, dir.resolve("needs-other.jar"),
                entries("Plugin-Id", "needs-other", "Plugin-Dependencies", "nonexistent@>=1.0.0"), null, List.of());
        PluginInfo p = brokenBesideAGoodOne("needs-other.jar");
        assertEquals("needs-other", p.id());
        assertTrue(p.failure().orElseThrow().contains("nonexistent"), p::toString);
    }

    @Test
    void sameIdAsAnotherJar() throws Exception {
        PluginJars.variant(good, dir.resolve("twin.jar"), Map.of(), null, List.of());
        assertTrue(brokenBesideAGoodOne("twin.jar").failure().orElseThrow().contains("plugin 'good' is already loaded from good.jar"));
    }

    @Test
    void extensionClassThatDoesNotExist() throws Exception {
        PluginJars.variant(good, dir.resolve("missing-class.jar"), entries("Plugin-Id", "missing-class"),
                "fx.Mark\nfx.NoSuchAction\n", List.of());
        PluginInfo p = brokenBesideAGoodOne("missing-class.jar");
        assertTrue(p.failure().orElseThrow().contains("fx.NoSuchAction failed to load"), p::toString);
    }

    @Test
    void superclassOfAnExtensionIsMissing() throws Exception {
        PluginJars.variant(good, dir.resolve("no-base.jar"), entries("Plugin-Id", "no-base"), null,
                List.of("fx/Base.class"));
        PluginInfo p = brokenBesideAGoodOne("no-base.jar");
        assertEquals("no-base", p.id());
        assertTrue(p.failure().orElseThrow().contains("fx.Helped failed to load"), p::toString);
        assertTrue(p.failure().orElseThrow().contains("fx/Base"), p::toString);
    }

    @Test
    void classNeededOnlyAtCallTimeIsMissing() throws Exception {
        Files.delete(dir.resolve("good.jar"));
        PluginJars.variant(good, dir.resolve("no-helper.jar"), entries("Plugin-Id", "no-helper"), null,
                List.of("fx/Helper.class"));
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            assertEquals("STARTED", info(host, "no-helper.jar").state(), "classes load lazily: it starts");
            ExtensionFailedException e = assertThrows(ExtensionFailedException.class, () -> run(host, "fx-helped"));
            assertEquals("no-helper", e.pluginId());
            assertTrue(e.getMessage().startsWith("plugin 'no-helper' action 'fx-helped' failed: fx/Helper"),
                    e::getMessage);
            assertEquals(Map.of("marked", "yes"), marks(run(host, "fx-mark")), "and the host carries on");
        }
    }

    @Test
    void constructorThatThrows() throws Exception {
        Files.copy(ctor, dir.resolve("ctor.jar"));
        PluginInfo p = brokenBesideAGoodOne("ctor.jar");
        assertEquals("ctor", p.id());
        assertTrue(p.failure().orElseThrow().contains("constructor threw"), p::toString);
        assertTrue(p.failure().orElseThrow().contains("no config for this extension"), p::toString);
    }

    @Test
    void everyKindAtOnceIsLoggedAsAWarningNamingTheJar() throws Exception {
        Files.write(dir.resolve("noise.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        PluginJars.variant(good, dir.resolve("no-id.jar"), entries("Plugin-Id", null), null, List.of());
        PluginJars.variant(good, dir.resolve("needs-other.jar"),
                entries("Plugin-Id", "needs-other", "Plugin-Dependencies", "nonexistent@>=1.0.0"), null, List.of());
        Files.copy(ctor, dir.resolve("ctor.jar"));
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.flowcraft.plugins");
        logger.addHandler(handler);
        try (PluginHost host = PluginHost.start(config(dir, false))) {
            assertEquals(5, host.plugins().size());
            assertEquals(4, host.plugins().stream().filter(p -> p.state().equals("FAILED")).count());
            for (String jar : List.of("noise.jar", "no-id.jar", "needs-other.jar", "ctor.jar")) {
                assertEquals(1, warnings.stream().filter(r -> r.getMessage().contains(jar)).count(),
                        () -> jar + " is logged once: " + warnings.stream().map(LogRecord::getMessage).toList());
            }
        } finally {
            logger.removeHandler(handler);
        }
    }
}
