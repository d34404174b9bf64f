package io.flowcraft.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JDK 25 ahead-of-time cache of the server (JEP 483, created in one step as JEP 514 allows, with
 * the method profiles of JEP 515): a training run of the server started with
 * {@code -XX:AOTCacheOutput=FILE} is exercised through its protocol (snapshots, patches, a small
 * run, the HTTP API) and stopped with SIGTERM; at exit the JVM assembles the cache, which later
 * starts use with {@code -XX:AOTCache=FILE}. A cache belongs to one JDK, one module path and one
 * set of JVM options: whoever keeps one re-creates it when they change.
 */
final class AotCache {

    /** The first JDK feature version with {@code -XX:AOTCacheOutput}. */
    static final int MIN_FEATURE = 25;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Assembling the cache happens after SIGTERM, in a child JVM; on a busy machine it takes a while. */
    private static final Duration ASSEMBLY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(10);
    private static final int TRAINING_RUNS = 5;

    private AotCache() {
    }

    /** Whether this JVM's JDK can create AOT caches in one step. */
    static boolean supported() {
        return Runtime.version().feature() >= MIN_FEATURE;
    }

    /**
     * The JVM options with which a server uses the cache {@code file}, as {@code serve --aot} gives
     * them: on JDK 25 also without cached adapters, which it warns at every start it cannot link
     * (not caching them costs nothing measurable; the diagnostic flag is for JDK 25 only).
     */
    static List<String> useOptions(Path file) {
        return useOptions(file, Runtime.version().feature());
    }

    /** {@link #useOptions(Path)} for JDK {@code feature}. */
    static List<String> useOptions(Path file, int feature) {
        return feature == MIN_FEATURE
                ? List.of("-XX:AOTCache=" + file, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching")
                : List.of("-XX:AOTCache=" + file);
    }

    /**
     * Creates {@code file} by a training run of the server launched as {@code spec} says (plus the
     * option that records the cache).
     *
     * @param log where the training server's output goes, or {@code null}
     * @return how long creating took, training included
     * @throws BenchException when the JDK is older than 25, the training fails, or no cache was written
     */
    static Duration create(Path file, LaunchSpec spec, WsClients clients, PrintStream log)
            throws BenchException, InterruptedException {
        if (!supported()) {
            throw new BenchException("an AOT cache needs JDK " + MIN_FEATURE + " or newer (this is "
                    + Runtime.version() + ")");
        }
        long start = System.nanoTime();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BenchException("cannot write the AOT cache " + file + ": " + e.getMessage(), e);
        }
        ServerLauncher server = ServerLauncher.start(START_TIMEOUT, log,
                spec.withJvmOptions(List.of("-XX:AOTCacheOutput=" + file.toAbsolutePath())));
        int exit;
        try {
            exercise(server.uri(), clients);
        } finally {
            exit = server.stop(ASSEMBLY_TIMEOUT);
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw new BenchException("the training run ended (exit code " + exit + ") without writing "
                        + file + "; its last output:\n" + server.lastOutput());
            }
        } catch (IOException e) {
            throw new BenchException("cannot read the AOT cache " + file + ": " + e.getMessage(), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The training workload: what a start and the first minutes of use load and run. Joins a graph
     * as snapshot and as patch clients, edits it, runs a start → endpoint diagram a few times (when
     * the core-nodes plugin is there) and reads the HTTP API and the editor's page.
     *
     * @param endpoint the server's WebSocket endpoint
     * @throws BenchException when the server does not answer as the protocol says
     */
    static void exercise(URI endpoint, WsClients clients) throws BenchException, InterruptedException {
        ScenarioContext ctx = new ScenarioContext(endpoint, BenchOptions.parse(), clients, null,
                new ProcSampler(ProcessHandle.current().pid(), 100));
        Violations violations = new Violations();
        SeededGraph seeded = SeededGraph.seed(ctx, "aot", 100);
        seeded.burst(ctx, 2, violations).close();
        try (Room<PatchWriter> room = Room.openPatch(ctx, "aot", 100, 1, 2)) {
            room.warmUp(50);
        }
        try (ExecRoom room = ExecRoom.open(ctx, "aot", 1)) {
            String diagram = ExecDiagram.chain(2).json();
            for (int i = 0; i < TRAINING_RUNS; i++) {
                String id = room.execute(diagram, null).executionId();
                room.await(id, RUN_TIMEOUT);
                room.forget(id);
            }
        } catch (BenchException e) {
            // without core-nodes the diagram cannot run: the rest of the training still counts
        }
        URI http = URI.create("http://" + endpoint.getHost() + ":" + endpoint.getPort() + "/");
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (String path : List.of("api/plugins", "api/node-types", "api/graphs", "")) {
                client.send(HttpRequest.newBuilder(http.resolve(path)).timeout(RUN_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new BenchException("the training server's HTTP API did not answer: " + e.getMessage(), e);
        }
        if (violations.count() > 0) {
            throw new BenchException("the training server broke the protocol: " + violations.descriptions());
        }
    }
}
