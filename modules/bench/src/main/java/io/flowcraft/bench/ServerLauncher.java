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
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Flowcraft server as a child process on a free loopback port with a fresh data directory:
 * {@code java <serve's JVM options> -p <this JVM's module path> -m io.flowcraft.server/io.flowcraft.server.Main
 * --port 0 --data-dir <temp>}, by default with the distribution's plugins and the bench-nodes plugin
 * (see {@link PluginJars#benchNodes}) in its plugins directory; a {@link LaunchSpec} changes options, environment and plugins. Its output is drained by a daemon thread (the last lines are kept for
 * error messages). {@link #close()}, also run by a shutdown hook, stops it and deletes the directory.
 */
final class ServerLauncher implements AutoCloseable {

    static final String SERVER_MODULE = "io.flowcraft.server";
    /**
     * Settings of the launched server that differ from the defaults (the caller's environment wins):
     * a run of 10,000 nodes sends over 20,000 events to each client faster than a socket takes them,
     * and an outbound queue of 1,024 messages (the former default) disconnects every watcher of such
     * a run; this keeps the figures comparable with servers configured that way. The per-connection
     * message rate and the connection limit are lifted: closed-loop writers (sync, patch, chain) send
     * as fast as the server answers, far over the 200 messages a second a person's editor is allowed,
     * and the bench measures the server's speed, not its limits.
     */
    static final Map<String, String> SERVER_ENV = Map.of("FLOWCRAFT_WEBSOCKET_OUTBOUND_QUEUE_MESSAGES", "65536",
            "FLOWCRAFT_LIMITS_MESSAGES_PER_SECOND", "1000000", "FLOWCRAFT_LIMITS_BURST", "10000000",
            "FLOWCRAFT_LIMITS_CONNECTIONS", "100000");
    private static final Pattern LISTENING = Pattern.compile("listening on http://([^\\s:/]+):(\\d+)");
    private static final int KEPT_LINES = 40;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final Path dataDir;
    private final Thread hook;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<URI> listening = new CompletableFuture<>();
    private final long launchedNanos;
    private volatile long listeningNanos;

    private ServerLauncher(Process process, Path dataDir, long launchedNanos) {
        this.process = process;
        this.dataDir = dataDir;
        this.launchedNanos = launchedNanos;
        this.hook = new Thread(this::stop, "flowcraft-bench-server-stop");
    }

    /**
     * Starts the server as {@code ./flowcraft bench} measures it (the serve JVM options, the shipped
     * plugins and bench-nodes) and waits until it says where it listens.
     *
     * @param timeout how long to wait for the {@code listening on} line
     * @param echo    where to copy the server's output, or {@code null} to keep it quiet
     * @throws BenchException when the server cannot be found, started or does not come up in time
     */
    static ServerLauncher start(Duration timeout, PrintStream echo) throws BenchException, InterruptedException {
        return start(timeout, echo, LaunchSpec.standard());
    }

    /**
     * Starts the server as {@code spec} says and waits until it listens. The data directory is a fresh
     * temporary one, the port a free one ({@code --port 0}); {@link #launchedNanos()} is taken just
     * before the process is started.
     *
     * @param timeout how long to wait for the {@code listening on} line
     * @param echo    where to copy the server's output, or {@code null}
     * @param spec    JVM options, environment, plugins and extra server arguments
     * @return the running server
     * @throws BenchException when the server cannot be found, started or does not come up in time
     */
    static ServerLauncher start(Duration timeout, PrintStream echo, LaunchSpec spec)
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
            Path pluginsDir = dataDir.resolve("plugins");
            List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
            command.addAll(spec.jvmOptions());
            command.addAll(List.of("-p", modulePath, "-m", SERVER_MODULE + "/" + SERVER_MODULE + ".Main"));
            command.addAll(spec.serverArgs());
            // after the spec's arguments: the server takes the last occurrence of an option
            command.addAll(List.of("--port", "0", "--data-dir", dataDir.toString(),
                    "--plugins-dir", pluginsDir.toString()));
            Files.createDirectories(pluginsDir);
            if (spec.plugins().isPresent()) {
                PluginJars.copy(spec.plugins().get(), pluginsDir);
            } else {
                PluginJars.shipped(entries).ifPresent(dir -> PluginJars.copy(dir, pluginsDir));
            }
            if (spec.benchNodes()) {
                Optional<Path> benchNodes = PluginJars.benchNodes(entries, System.getenv(PluginJars.BENCH_NODES_ENV),
                        Path.of(""));
                if (benchNodes.isPresent()) {
                    Files.copy(benchNodes.get(), pluginsDir.resolve("bench-nodes.jar"));
                }
            }
            Process process;
            long launched = System.nanoTime();
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                SERVER_ENV.forEach(builder.environment()::putIfAbsent);
                builder.environment().putAll(spec.env());
                launched = System.nanoTime();
                process = builder.start();
            } catch (IOException e) {
                PluginJars.deleteTree(dataDir);
                throw e;
            }
            launcher = new ServerLauncher(process, dataDir, launched);
        } catch (IOException | UncheckedIOException e) {
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
            try {
                // wakes as soon as the line is read: start-up times are measured through this
                listening.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                return this;
            } catch (java.util.concurrent.TimeoutException e) {
                // look at the process, then wait again
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (!process.isAlive() && process.waitFor(200, TimeUnit.MILLISECONDS) && !listening.isDone()) {
                Thread.sleep(100); // let the drain thread collect the last lines
                throw new BenchException("the server exited with code " + process.exitValue()
                        + " before listening; its last output:\n" + lastOutput());
            }
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
                    listeningNanos = System.nanoTime();
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

    /** {@link System#nanoTime()} just before the server process was started. */
    long launchedNanos() {
        return launchedNanos;
    }

    /** {@link System#nanoTime()} when the server's {@code listening on} line was read. */
    long listeningNanos() {
        return listeningNanos;
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

    /**
     * Stops the server (SIGTERM), giving it {@code grace} to exit by itself (a JVM writing an AOT
     * cache at exit needs seconds), then deletes its data directory.
     *
     * @return the exit code, or {@code -1} when it had to be killed
     */
    int stop(Duration grace) {
        boolean exited = stop(grace.toMillis());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return exited ? process.exitValue() : -1;
    }

    private void stop() {
        stop(STOP_GRACE.toMillis());
    }

    /** Stops the server; returns whether it exited within {@code graceMillis}. */
    private boolean stop(long graceMillis) {
        process.descendants().forEach(ProcessHandle::destroy);
        // SIGTERM through the handle: Process.destroy() also closes the pipes, and a JVM that still
        // writes at exit (an AOT cache being assembled) fails on its closed stdout
        process.toHandle().destroy();
        boolean exited = false;
        try {
            exited = process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        PluginJars.deleteTree(dataDir);
        return exited;
    }
}
