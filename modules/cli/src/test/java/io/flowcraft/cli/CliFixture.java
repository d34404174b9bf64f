package io.flowcraft.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the CLI in-process in a working directory, with the real core-nodes plugin jar (built by
 * the reactor before this module) in a plugins directory of its own.
 */
final class CliFixture {
    private static final Path RESOURCES = Path.of("src/test/resources/diagrams");

    /** What a command printed and returned. */
    record Outcome(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliFixture() {
    }

    /** Copies the core-nodes plugin jar into {@code dir/plugins} and returns that directory. */
    static Path pluginsDir(Path dir) throws IOException {
        Path target = Path.of(System.getProperty("flowcraft.coreNodesDir", "../../plugins/core-nodes/target"));
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "core-nodes-*.jar")) {
                s.forEach(jars::add);
            }
        }
        if (jars.size() != 1) {
            fail("expected the core-nodes plugin jar in " + target.toAbsolutePath()
                    + " (build the reactor from the root: mvn install); found " + jars);
        }
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jars.getFirst(), plugins.resolve("core-nodes.jar"));
        return plugins;
    }

    /** Copies a diagram fixture into the working directory under its own name. */
    static Path diagram(Path workingDir, String name) throws IOException {
        Path source = RESOURCES.resolve(name);
        assertTrue(Files.isRegularFile(source), "missing fixture " + source.toAbsolutePath());
        return Files.copy(source, workingDir.resolve(name));
    }

    static Outcome run(Path workingDir, String stdin, boolean terminal, String... args) {
        return run(workingDir, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal, args);
    }

    static Outcome run(Path workingDir, InputStream stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliIo io = new CliIo(stdin, o, e, terminal, 100, workingDir);
            exit = Main.run(List.of(args), io, cancel -> {
            });
        }
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
