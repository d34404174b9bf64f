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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the CLI in-process in a working directory, with the real core-nodes plugin jar (and, for
 * LLM diagrams, the real llm-openai jar), built by the reactor before this module, in a plugins
 * directory of its own.
 */
final class CliFixture {
    private static final Path RESOURCES = Path.of("src/test/resources");
    private static final Pattern COMPLETED = Pattern.compile("node_completed (.+?) [0-9.]+ (?:ms|s|m [0-9]+ s)( \\(run [0-9]+\\))?");

    /** What a command printed and returned. */
    record Outcome(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** The nodes the run completed, in order, as printed: {@code Label}, {@code Label (run N)}. */
        List<String> completed() {
            return outLines().stream().map(COMPLETED::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1) + (m.group(2) == null ? "" : m.group(2))).toList();
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
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        copyJar("flowcraft.coreNodesDir", "core-nodes", plugins);
        return plugins;
    }

    /** Copies the core-nodes and llm-openai plugin jars into {@code dir/plugins} and returns that directory. */
    static Path pluginsDirWithLlm(Path dir) throws IOException {
        Path plugins = pluginsDir(dir);
        copyJar("flowcraft.llmOpenAiDir", "llm-openai", plugins);
        return plugins;
    }

    /** Copies {@code plugin-*.jar} from the target folder a system property names (the build's jar). */
    private static void copyJar(String property, String plugin, Path plugins) throws IOException {
        Path target = Path.of(System.getProperty(property, "../../plugins/" + plugin + "/target"));
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(target, plugin + "-*.jar")) {
                s.forEach(jars::add);
            }
        }
        if (jars.size() != 1) {
            fail("expected the " + plugin + " plugin jar in " + target.toAbsolutePath()
                    + " (build the reactor from the root: mvn install); found " + jars);
        }
        Files.copy(jars.getFirst(), plugins.resolve(plugin + ".jar"));
    }

    /** Copies a diagram fixture of {@code diagrams/} into the working directory under its own name. */
    static Path diagram(Path workingDir, String name) throws IOException {
        return copy(RESOURCES.resolve("diagrams").resolve(name), workingDir);
    }

    /** Copies one of the DiPeO diagrams of {@code dipeo/} (unchanged upstream files) into the working directory. */
    static Path dipeo(Path workingDir, String name) throws IOException {
        return copy(RESOURCES.resolve("dipeo").resolve(name), workingDir);
    }

    private static Path copy(Path source, Path workingDir) throws IOException {
        assertTrue(Files.isRegularFile(source), "missing fixture " + source.toAbsolutePath());
        return Files.copy(source, workingDir.resolve(source.getFileName().toString()));
    }

    /**
     * The command line of {@code java -p … -m io.flowcraft.cli/io.flowcraft.cli.Main ARGS}, run in
     * {@code workingDir} with this test JVM's module path.
     */
    static ProcessBuilder child(Path workingDir, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-p", System.getProperty("jdk.module.path"), "-m", "io.flowcraft.cli/io.flowcraft.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDir.toFile());
    }

    /** Everything a process writes on standard output or error, until it closes it. */
    static String read(Process p, boolean err) {
        try {
            return new String((err ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static Outcome run(Path workingDir, String stdin, boolean terminal, String... args) {
        return run(workingDir, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal, args);
    }

    static Outcome run(Path workingDir, InputStream stdin, boolean terminal, String... args) {
        return run(workingDir, Map.of(), stdin, terminal, args);
    }

    /** Runs with these environment variables (and no others: the test process's own are not seen). */
    static Outcome run(Path workingDir, Map<String, String> env, String stdin, String... args) {
        return run(workingDir, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false, args);
    }

    private static Outcome run(Path workingDir, Map<String, String> env, InputStream stdin, boolean terminal,
                               String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliIo io = new CliIo(stdin, o, e, terminal, 100, workingDir, env);
            exit = Main.run(List.of(args), io, cancel -> {
            });
        }
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
