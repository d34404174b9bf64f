package io.flowcraft.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the plugin jars of launched servers come from: the distribution's {@code plugins/} folder
 * beside the module path, the bench-nodes plugin of the checkout, copies of them into a server's
 * temporary directory (and deleting it again).
 */
final class PluginJars {

    /** Where the bench-nodes plugin jar is, when not found in the checkout (see {@link #benchNodes}). */
    static final String BENCH_NODES_ENV = "FLOWCRAFT_BENCH_NODES";

    private PluginJars() {
    }

    /**
     * The distribution's {@code plugins/} folder (beside the {@code lib/} on the module path).
     *
     * @param modulePath the module path entries
     * @return the folder, if there is one
     */
    static Optional<Path> shipped(Path[] modulePath) {
        for (Path entry : modulePath) {
            Path shipped = entry.toAbsolutePath().resolveSibling("plugins");
            if (Files.isDirectory(entry) && Files.isDirectory(shipped)) {
                return Optional.of(shipped);
            }
        }
        return Optional.empty();
    }

    /**
     * The bench-nodes plugin jar (node types {@code noop} and {@code sleep} for the engine
     * scenarios; not shipped in the distribution): {@code $FLOWCRAFT_BENCH_NODES} (a jar, or a
     * directory holding {@code bench-nodes*.jar}), else {@code plugins/bench-nodes/target/} of the
     * checkout a module path entry lies in (the distribution under {@code modules/dist/target}
     * included), else of the working directory.
     *
     * @param modulePath the module path entries
     * @param configured the value of {@code FLOWCRAFT_BENCH_NODES}, or {@code null}
     * @param workDir    the working directory
     * @return the jar, if found
     */
    static Optional<Path> benchNodes(Path[] modulePath, String configured, Path workDir) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p) ? Optional.of(p) : jarIn(p);
        }
        for (Path entry : modulePath) {
            for (Path dir = entry.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                Optional<Path> jar = jarIn(dir.resolve("plugins").resolve("bench-nodes").resolve("target"));
                if (jar.isPresent()) {
                    return jar;
                }
            }
        }
        return jarIn(workDir.toAbsolutePath().resolve("plugins").resolve("bench-nodes").resolve("target"));
    }

    private static Optional<Path> jarIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("bench-nodes") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-tests.jar");
            }).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** This JVM's module path entries. */
    static Path[] modulePath() {
        String mp = System.getProperty("jdk.module.path", "");
        return mp.isBlank() ? new Path[0] : Arrays.stream(mp.split(File.pathSeparator)).map(Path::of).toArray(Path[]::new);
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (var jars = Files.list(from)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, to.resolve(jar.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying plugin jars from " + from + " failed", e);
        }
    }

    /** Deletes {@code dir} and everything in it; {@code null} or a missing directory is ignored. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
