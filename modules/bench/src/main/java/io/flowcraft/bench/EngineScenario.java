package io.flowcraft.bench;

import io.flowcraft.api.Graph;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.engine.Engine;
import io.flowcraft.engine.EngineConfig;
import io.flowcraft.engine.ExecutionRequest;
import io.flowcraft.engine.ExecutionStore;
import io.flowcraft.engine.ExecutorRegistry;
import io.flowcraft.engine.StartResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code engine-10k}: the engine's own cost per node, in this process (no server, no WebSocket).
 * Runs 10,000 {@code noop} nodes (100 chains of 100, see {@link ExecDiagram#layered}) several times
 * after a warm-up, first with nobody subscribed to the event bus (the engine then builds no events),
 * then with a subscriber that only counts them. A run's time is {@code Engine.start} (compiling
 * included) until its completion future is done; per node = that / 10,000. For comparison it also
 * times the floor of the design: 100 chains of virtual threads, each hop taking one shared lock.
 */
final class EngineScenario extends BenchScenario {
    static final double TARGET_US_PER_NODE = 2.3;

    EngineScenario() {
        super("engine-10k", "engine in-process: 10,000 noop nodes (100 x 100), events off and counted");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int layers = o.pick(o.nodes() > 0 ? Math.max(1, o.nodes() / 100) : 0, 100, 20);
        int runs = o.quick() ? 3 : 7;
        int warmUp = o.quick() ? 3 : 10;
        ExecDiagram diagram = ExecDiagram.layered(100, layers);
        int work = 100 * layers;
        Graph graph = diagram.graph();
        Path dir;
        try {
            dir = Files.createTempDirectory("flowcraft-bench-engine-");
        } catch (IOException e) {
            throw new BenchException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        Violations violations = new Violations();
        try (Engine engine = new Engine(EngineConfig.defaults(dir), ExecutorRegistry.of(InProcessNodes.all()),
                ExecutionStore.inMemory())) {
            for (int i = 0; i < warmUp; i++) {
                runOnce(engine, graph, violations);
            }
            double[] compile = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                engine.validate(graph);
                compile[i] = (System.nanoTime() - t0) / 1e3 / work;
            }
            ProcSampler.Sample cpu0 = ctx.self().sample();
            double[] off = new double[runs];
            for (int i = 0; i < runs; i++) {
                off[i] = runOnce(engine, graph, violations) / 1e3 / work;
            }
            AtomicLong events = new AtomicLong();
            double[] on = new double[runs];
            try (AutoCloseable sub = engine.events().subscribe(e -> events.incrementAndGet())) {
                runOnce(engine, graph, violations);
                events.set(0);
                for (int i = 0; i < runs; i++) {
                    on[i] = runOnce(engine, graph, violations) / 1e3 / work;
                }
            } catch (Exception e) {
                throw new BenchException("closing the subscription failed: " + e, e);
            }
            double cpuMs = ctx.self().cpuMillis(cpu0, ctx.self().sample());
            long expected = (long) runs * (2L + 2L * (work + 1));
            if (events.get() != expected) {
                violations.add("the subscriber counted " + events.get() + " events, expected " + expected);
            }
            Summary offS = Summary.of(off);
            Summary onS = Summary.of(on);
            double floor = Summary.of(floor(layers), floor(layers), floor(layers)).min() / 1e3 / work;
            List<Metric> metrics = new ArrayList<>(List.of(Metric.count("nodes", work), Metric.count("runs", runs),
                    Metric.of("per_node_events_off_min", offS.min(), "us").atMost(TARGET_US_PER_NODE),
                    Metric.of("per_node_events_off_median", offS.median(), "us").atMost(TARGET_US_PER_NODE),
                    Metric.of("per_node_events_counted_min", onS.min(), "us"),
                    Metric.of("per_node_events_counted_median", onS.median(), "us"),
                    Metric.of("compile_per_node", Summary.of(compile).median(), "us"),
                    Metric.of("floor_vthread_plus_lock", floor, "us")));
            metrics.add(Metric.of("bench_cpu_per_node", cpuMs * 1e3 / (2.0 * runs * work), "us"));
            notes.add("per node = (Engine.start .. completion) / " + work + "; compile_per_node is part of it; floor = 100 "
                    + "chains of virtual threads, each hop taking one shared lock and starting the next hop's thread");
            metrics.add(Metric.count("violations", violations.count()));
            notes.addAll(violations.descriptions());
            return new ScenarioResult(name(), metrics, violations.count(), notes, null);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    /** One run; returns its wall time in nanoseconds. */
    private static long runOnce(Engine engine, Graph graph, Violations violations)
            throws BenchException, InterruptedException {
        long t0 = System.nanoTime();
        StartResult result = engine.start(new ExecutionRequest("bench", OptionalLong.empty(), graph, Map.of(),
                ExecutionRequest.Options.NONE));
        if (!(result instanceof StartResult.Started started)) {
            throw new BenchException("the engine rejected the diagram: " + ((StartResult.Rejected) result).problems());
        }
        ExecutionEvent.Terminal terminal;
        try {
            terminal = started.completion().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("the run did not complete within 60 s: " + e, e);
        }
        long took = System.nanoTime() - t0;
        if (!(terminal instanceof ExecutionEvent.ExecutionCompleted)) {
            violations.add("a run ended with " + terminal.type());
        }
        return took;
    }

    /**
     * The floor of the design, in nanoseconds for {@code 100 * layers} hops: 100 chains in which
     * each step is one virtual thread that takes a shared lock, counts, and starts the next step's
     * thread before unlocking (as a node's completion launches its successor).
     */
    private static double floor(int layers) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        CountDownLatch done = new CountDownLatch(100 * layers);
        long t0 = System.nanoTime();
        for (int col = 0; col < 100; col++) {
            Thread.ofVirtual().start(new Step(lock, counter, done, layers));
        }
        done.await(60, TimeUnit.SECONDS);
        return System.nanoTime() - t0;
    }

    private record Step(ReentrantLock lock, long[] counter, CountDownLatch done, int left) implements Runnable {
        @Override
        public void run() {
            lock.lock();
            try {
                counter[0]++;
                if (left > 1) {
                    Thread.ofVirtual().start(new Step(lock, counter, done, left - 1));
                }
            } finally {
                lock.unlock();
            }
            done.countDown();
        }
    }
}
