package io.flowcraft.plugins;

import io.flowcraft.api.spi.GraphAction;
import org.pf4j.Extension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds real PF4J plugin jars at test time: compiles extension sources with the JDK's javac against
 * the API and PF4J jars the tests run with (PF4J's annotation processor writes
 * {@code META-INF/extensions.idx}), and jars them with a {@code Plugin-*} manifest. Also makes broken
 * variants of a jar. Compare pf4j's own {@code PluginJar} test builder.
 */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * The source of a graph action extension.
     *
     * @param className the simple class name (package {@code fx})
     * @param actionId  the action id
     * @param body      the body of {@code apply(ActionContext c)}, returning a {@code Changeset}
     * @return the source
     */
    static String action(String className, String actionId, String body) {
        return """
                package fx;
                import io.flowcraft.api.*;
                import io.flowcraft.api.spi.*;
                import java.util.*;
                @org.pf4j.Extension
                public class %s implements GraphAction {
                    public ActionDescriptor descriptor() {
                        return new ActionDescriptor("%s", "%s", "built by a test", List.of(), List.of());
                    }
                    public Changeset apply(ActionContext c) {
                        %s
                    }
                }
                """.formatted(className, actionId, actionId, body);
    }

    /**
     * An action that marks the target node's data with {@code key: value}.
     *
     * @param className the class name
     * @param actionId  the action id
     * @param key       the data key
     * @param value     the value (a string)
     * @return the source
     */
    static String marking(String className, String actionId, String key, String value) {
        return action(className, actionId, """
                return new Changeset(List.of(), List.of(new GraphOp.UpdateNode(c.target().id(), Optional.empty(),
                        Map.of("%s", "%s"), Map.of())), List.of(), List.of(), List.of());""".formatted(key, value));
    }

    /**
     * Compiles sources (package {@code fx}) into a new directory, running PF4J's annotation processor.
     *
     * @param work    a scratch directory
     * @param sources simple class name to source
     * @return the classes directory, with {@code META-INF/extensions.idx}
     */
    static Path compile(Path work, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:full", "-implicit:none",
                "-processorpath", location(Extension.class),
                "-classpath", location(GraphAction.class) + java.io.File.pathSeparator + location(Extension.class),
                "-d", classes.toString()));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve("fx").resolve(s.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(print, print, args.toArray(String[]::new));
        if (rc != 0 || !Files.exists(classes.resolve("META-INF/extensions.idx"))) {
            throw new IllegalStateException("javac failed (" + rc + "): " + err.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /**
     * Jars a classes directory with a plugin manifest.
     *
     * @param classes the directory
     * @param target  the jar to write (replaced atomically if it exists)
     * @param id      {@code Plugin-Id}
     * @param version {@code Plugin-Version}
     * @return the jar
     */
    static Path jar(Path classes, Path target, String id, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Provider", "tests");
        Path tmp = Files.createTempFile(classes.getParent(), "jar", ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies a jar, changing manifest entries (a {@code null} value removes one), replacing
     * {@code META-INF/extensions.idx} (unless {@code extensionsIdx} is null) and leaving out entries.
     *
     * @param source        the jar
     * @param target        the copy (written atomically)
     * @param manifest      entries to set or remove
     * @param extensionsIdx new index content, or null to keep it
     * @param leaveOut      entry names to drop
     * @return the copy
     */
    static Path variant(Path source, Path target, Map<String, String> manifest, String extensionsIdx,
                        List<String> leaveOut) throws IOException {
        Path tmp = Files.createTempFile(source.getParent(), "variant", ".tmp");
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest m = new Manifest(in.getManifest());
            manifest.forEach((k, v) -> {
                if (v == null) {
                    m.getMainAttributes().remove(new Attributes.Name(k));
                } else {
                    m.getMainAttributes().putValue(k, v);
                }
            });
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), m)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equals(JarFile.MANIFEST_NAME) || leaveOut.contains(e.getName())) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    if (extensionsIdx != null && e.getName().equals("META-INF/extensions.idx")) {
                        out.write(extensionsIdx.getBytes(StandardCharsets.UTF_8));
                    } else {
                        try (InputStream is = in.getInputStream(e)) {
                            is.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
