package io.flowcraft.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Flowcraft benchmark: measures a server speaking the Flowcraft WebSocket protocol and prints
 * a table (one row per scenario metric) under a line describing the machine and the target.
 *
 * <p>Run it on the module path, with the server's jars there too when it should launch the server:
 * {@code java -p flowcraft-bench.jar:<lib> -m io.flowcraft.bench/io.flowcraft.bench.Bench [options]}
 * (or {@code ./flowcraft bench [options]}). Options:
 * <ul>
 *   <li>{@code --url ws://HOST:PORT/ws}: measure this running server, whatever its implementation;
 *       graph ids are appended as {@code ?graph=ID} ({@code &graph=ID} when the URL has a query).
 *       Only loopback addresses unless {@code --allow-remote}. Without {@code --url} the bench
 *       launches {@code io.flowcraft.server} from its own module path as a child process
 *       ({@code -Xmx512m --port 0 --data-dir <temp>}), measures it and stops it at the end.</li>
 *   <li>{@code --pid N}: with {@code --url}, the server's process id, so its CPU time and RSS can be
 *       read from {@code /proc/N}; without it those figures are {@code n/a}.</li>
 *   <li>{@code --scenarios a,b}: the scenarios to run (default all: {@code sync-1w}, {@code sync-10w},
 *       {@code patch-edit}, {@code snapshot-10hz}, {@code patch-contention}, {@code join-100},
 *       {@code reconnect-storm}, {@code load-5000}, {@code action-roundtrip}; {@code llm-stream},
 *       {@code cold-start} (with and without a JDK 25 AOT cache) and {@code plugins-20}, which launch
 *       servers of their own; the engine's {@code engine-10k} (in-process), {@code engine-10k-ws},
 *       {@code chain-10}, {@code parallel-100}, {@code parallel-1000}, {@code events-10c}, which need the
 *       bench-nodes plugin jar in the server: a launched server gets it from the checkout or
 *       {@code $FLOWCRAFT_BENCH_NODES}; and {@code rss-loaded}, the server's peak memory; see {@link Scenarios}).</li>
 *   <li>{@code --quick}: small counts for a smoke run. {@code --json}: also print JSON lines.</li>
 *   <li>{@code --readers N}, {@code --edits N}, {@code --rounds N}, {@code --nodes N},
 *       {@code --time-limit S}, {@code --fragment-kb K} (default 64: larger messages go in 64 KiB
 *       fragments), {@code --token T}, {@code --client socket|jdk},
 *       {@code --verbose},
 *       {@code --help}: see {@link BenchOptions#USAGE}.</li>
 * </ul>
 * Every loop is bounded by a count and by wall time, and each scenario by a hard limit, so a run
 * cannot hang. Figures with a goal from the issues carry a target, printed beside them with
 * {@code pass} or {@code FAIL}; targets are information for the reader and never change the exit code. Exit code: 0 when every scenario completed without invariant violations, 1 when one
 * failed or broke an invariant, 2 for bad arguments, 3 when the server could not be started or reached.
 */
public final class Bench {

    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_UNREACHABLE = 3;
    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(60);

    private Bench() {
    }

    /**
     * Runs the bench and exits with its exit code.
     *
     * @param args the options described above
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the bench; returns the exit code. Results go to {@code out}, progress and errors to {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        List<Scenario> scenarios;
        try {
            options = BenchOptions.parse(args);
            scenarios = Scenarios.select(options.scenarios());
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println("Run with --help for the options.");
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(usage());
            return 0;
        }
        long ticks = ProcSampler.clockTicks();
        if (options.pid() != 0 && !new ProcSampler(options.pid(), ticks).readable()) {
            err.println("bench: --pid " + options.pid() + ": no such process (or /proc is not readable)");
            return EXIT_USAGE;
        }
        MachineInfo machine = MachineInfo.detect();
        ServerLauncher launcher = null;
        try (WsClients clients = new WsClients(options.client(), options.token(),
                options.fragmentKb() * 1024)) {
            URI endpoint;
            ProcSampler server;
            String target;
            if (options.url() == null) {
                err.println("bench: starting the Flowcraft server...");
                launcher = ServerLauncher.start(SERVER_START_TIMEOUT, options.verbose() ? err : null);
                endpoint = launcher.uri();
                server = new ProcSampler(launcher.pid(), ticks);
                target = endpoint + " (launched Flowcraft server, pid " + launcher.pid() + ")";
            } else {
                endpoint = options.url();
                server = options.pid() == 0 ? null : new ProcSampler(options.pid(), ticks);
                target = endpoint + (server == null ? " (no --pid: server CPU and RSS n/a)"
                        : " (pid " + options.pid() + ")");
            }
            ScenarioContext ctx = new ScenarioContext(endpoint, options, clients, server,
                    new ProcSampler(ProcessHandle.current().pid(), ticks));
            preflight(ctx);
            out.println(ResultTable.machineLine(machine, target));
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                err.println("bench: running " + scenario.name() + ": " + scenario.description());
                results.add(runOne(scenario, ctx));
                if (launcher != null && !launcher.alive()) {
                    results.add(ScenarioResult.failed(scenario.name(), "the server died; its last output:\n"
                            + launcher.lastOutput()));
                    break;
                }
            }
            ResultTable.print(out, results);
            if (options.json()) {
                ResultTable.printJson(out, machine, target, results);
            }
            return results.stream().allMatch(ScenarioResult::ok) ? 0 : EXIT_FAILED;
        } catch (BenchException e) {
            err.println("bench: " + e.getMessage());
            return EXIT_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench: interrupted");
            return EXIT_FAILED;
        } finally {
            if (launcher != null) {
                launcher.close();
            }
        }
    }

    /** The usage text, naming the scenarios. */
    static String usage() {
        return BenchOptions.USAGE.formatted(Scenarios.names());
    }

    /** Joins a fresh graph and waits for its initial {@code sync_graph}: is the server there and speaking the protocol? */
    private static void preflight(ScenarioContext ctx) throws BenchException, InterruptedException {
        URI uri = ctx.graphUri(ctx.newGraphId("preflight"));
        CompletableFuture<Frame> first = new CompletableFuture<>();
        WsClient client = null;
        try {
            client = ctx.clients().connect(uri, "preflight", true, first::complete)
                    .get(ScenarioContext.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Frame frame = first.get(ScenarioContext.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!frame.isSnapshot()) {
                throw new BenchException(uri + " does not speak the Flowcraft protocol: its first message was "
                        + (frame.text() == null ? frame.type() : Frame.abbreviate(frame.text()))
                        + " instead of sync_graph with a version");
            }
        } catch (ExecutionException e) {
            throw new BenchException("cannot connect to " + uri + ": " + BenchException.describe(e), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("no sync_graph from " + uri + " within "
                    + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s of connecting");
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Runs one scenario on its own thread under a hard time limit, turning every failure into a result. */
    private static ScenarioResult runOne(Scenario scenario, ScenarioContext ctx) throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("bench-" + scenario.name()).factory());
        Duration limit = scenario.limit(ctx);
        Future<ScenarioResult> future = executor.submit(() -> scenario.run(ctx));
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return ScenarioResult.failed(scenario.name(), BenchException.describe(e));
        } catch (TimeoutException e) {
            future.cancel(true);
            return ScenarioResult.failed(scenario.name(), "did not finish within " + limit.toSeconds() + " s");
        } finally {
            executor.shutdownNow();
        }
    }
}
