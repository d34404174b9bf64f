package io.flowcraft.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the Flowcraft server as a child process on a free loopback port with a fresh data directory:
 * {@code java $FLOWCRAFT_JAVA_OPTS (default -XX:+UseSerialGC -Xmx512m) -p <this JVM's module path> -m io.flowcraft.server/io.flowcraft.server.Main
 * --port 0 --data-dir <temp>}, with the distribution's plugins and the bench-nodes plugin (see
 * {@link #benchNodes}) in its plugins directory. Its output is drained by a daemon thread (the last lines are kept for
 * error messages). {@link #close()}, also run by a shutdown hook, stops it and deletes the directory.
 */
final class ServerLauncher implements AutoCloseable {

    static final String SERVER_MODULE = "io.flowcraft.server";
    /**
     * Settings of the launched server that differ from the defaults (the caller's environment wins):
     * a run of 10,000 nodes sends over 20,000 events to each client faster than a socket takes them,
     * and an outbound queue of 1,024 messages (the former default) disconnects every watcher of such
     * a run; this keeps the figures comparable with servers configured that way.
     */
    static final Map<String, String> SERVER_ENV = Map.of("FLOWCRAFT_WEBSOCKET_OUTBOUND_QUEUE_MESSAGES", "65536");
    /** Where the bench-nodes plugin jar is, when not found in the checkout (see {@link #benchNodes}). */
    static final String BENCH_NODES_ENV = "FLOWCRAFT_BENCH_NODES";
    private static final Pattern LISTENING = Pattern.compile("listening on http://([^\\s:/]+):(\\d+)");
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final Path dataDir;
    private final Thread hook;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<URI> listening = new CompletableFuture<>();

    private ServerLauncher(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.hook = new Thread(this::stop, "flowcraft-bench-server-stop");
    }

    /**
     * Starts the server and waits until it says where it listens.
     *
     * @param timeout how long to wait for the {@code listening on} line
     * @param echo    where to copy the server's output, or {@code null} to keep it quiet
     * @throws BenchException when the server cannot be found, started or does not come up in time
     */
    static ServerLauncher start(Duration timeout, PrintStream echo) throws BenchException, InterruptedException {
        return start(timeout, echo, java.util.Optional.empty());
    }

    /**
     * Starts the server with the jars of {@code plugins} (instead of the shipped ones) in its plugins
     * directory, and waits until it listens.
     *
     * @param timeout how long to wait for the {@code listening on} line
     * @param echo    where to copy the server's output, or {@code null}
     * @param plugins a directory of plugin jars, or empty for the distribution's
     * @return the running server
     * @throws BenchException when the server cannot be found, started or does not come up in time
     */
    static ServerLauncher start(Duration timeout, PrintStream echo, java.util.Optional<Path> plugins)
            throws BenchException, InterruptedException {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            throw new BenchException("no module path: run the bench with java -p <jars> -m io.flowcraft.bench/"
                    + "io.flowcraft.bench.Bench, or pass --url to measure a running server");
        }
        Path[] entries = Arrays.stream(modulePath.split(File.pathSeparator)).map(Path::of).toArray(Path[]::new);
        if (ModuleFinder.of(entries).find(SERVER_MODULE).isEmpty()) {
            throw new BenchException("module " + SERVER_MODULE + " is not on the module path (" + modulePath
                    + "): add the server's jars, or pass --url to measure a running server");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ServerLauncher launcher;
        try {
            Path dataDir = Files.createTempDirectory("flowcraft-bench-");
            // the same JVM options as `flowcraft serve`, so the figures are those of the served server
            String opts = System.getenv().getOrDefault("FLOWCRAFT_JAVA_OPTS", "-XX:+UseSerialGC -Xmx512m");
            List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
            Arrays.stream(opts.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
            command.addAll(List.of("-p", modulePath, "-m", SERVER_MODULE + "/" + SERVER_MODULE + ".Main",
                    "--port", "0", "--data-dir", dataDir.toString(),
                    "--plugins-dir", dataDir.resolve("plugins").toString()));
            if (plugins.isPresent()) {
                copyJars(plugins.get(), dataDir.resolve("plugins"));
            } else {
                shippedPlugins(entries).ifPresent(dir -> copyJars(dir, dataDir.resolve("plugins")));
                Optional<Path> benchNodes = benchNodes(entries, System.getenv(BENCH_NODES_ENV), Path.of(""));
                if (benchNodes.isPresent()) {
                    Files.createDirectories(dataDir.resolve("plugins"));
                    Files.copy(benchNodes.get(), dataDir.resolve("plugins").resolve("bench-nodes.jar"));
                }
            }
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                SERVER_ENV.forEach(builder.environment()::putIfAbsent);
                process = builder.start();
            } catch (IOException e) {
                deleteTree(dataDir);
                throw e;
            }
            launcher = new ServerLauncher(process, dataDir);
        } catch (IOException e) {
            throw new BenchException("could not start the server: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(launcher.hook);
        Thread drain = new Thread(() -> launcher.drain(echo), "flowcraft-bench-server-output");
        drain.setDaemon(true);
        drain.start();
        try {
            return launcher.awaitListening(timeout);
        } catch (BenchException | InterruptedException | RuntimeException e) {
            launcher.close();
            throw e;
        }
    }

    private ServerLauncher awaitListening(Duration timeout) throws BenchException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (listening.isDone()) {
                return this;
            }
            if (!process.isAlive() && process.waitFor(200, TimeUnit.MILLISECONDS) && !listening.isDone()) {
                Thread.sleep(100); // let the drain thread collect the last lines
                throw new BenchException("the server exited with code " + process.exitValue()
                        + " before listening; its last output:\n" + lastOutput());
            }
            Thread.sleep(20);
        }
        throw new BenchException("the server did not print 'listening on http://HOST:PORT' within "
                + timeout.toSeconds() + " s; its last output:\n" + lastOutput());
    }

    private void drain(PrintStream echo) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (echo != null) {
                    echo.println("[server] " + line);
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (!listening.isDone() && m.find()) {
                    listening.complete(URI.create("ws://" + loopback(m.group(1)) + ":" + m.group(2) + "/ws"));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** The host to connect to: the announced one, or 127.0.0.1 when it announced a wildcard address. */
    static String loopback(String host) {
        return switch (host) {
            case "0.0.0.0", "::", "[::]", "*" -> "127.0.0.1";
            default -> host;
        };
    }

    /** The server's WebSocket endpoint, {@code ws://HOST:PORT/ws}. */
    URI uri() {
        return listening.join();
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /** Whether the server is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** The server's last lines of output. */
    String lastOutput() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    /** Stops the server and deletes its data directory; safe to call more than once. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dataDir);
    }

    /**
     * The distribution's {@code plugins/} folder (beside the {@code lib/} on the module path).
     *
     * @param modulePath the module path entries
     * @return the folder, if there is one
     */
    static java.util.Optional<Path> shippedPlugins(Path[] modulePath) {
        for (Path entry : modulePath) {
            Path shipped = entry.toAbsolutePath().resolveSibling("plugins");
            if (Files.isDirectory(entry) && Files.isDirectory(shipped)) {
                return java.util.Optional.of(shipped);
            }
        }
        return java.util.Optional.empty();
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

    private static void copyJars(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (var jars = Files.list(from)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, to.resolve(jar.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("copying plugin jars from " + from + " failed", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
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
