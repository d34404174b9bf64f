package io.flowcraft.engine;

import io.flowcraft.api.Graph;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.protocol.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs diagrams. Compiles each request against the executors the registry offers at that moment,
 * runs it on virtual threads, publishes its events on {@link #events()}, and records it in the
 * execution store when it starts and when it ends. Thread-safe; one per process.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final EngineConfig config;
    private final HostServices host;
    private final RunObserver observer;
    private final ExecutorRegistry registry;
    private final ExecutionStore store;
    private final EventBus bus = new EventBus();
    private final ConcurrentHashMap<String, Run> active = new ConcurrentHashMap<>();
    private final Map<String, Run> ended;
    private final ScheduledExecutorService timer;
    private final ExecutorService recorder;
    private final Services services;
    /** Recently compiled plans by diagram instance: a stored version runs again without compiling. */
    private final Map<IdentityKey, Plan> plans = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<IdentityKey, Plan> eldest) {
                    return size() > 32;
                }
            });

    private record IdentityKey(Graph graph) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.graph == graph;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(graph);
        }
    }

    /**
     * Creates an engine; runs left unfinished in the store by an earlier process are marked failed.
     *
     * @param config   limits and defaults
     * @param registry where executors come from
     * @param store    where executions are recorded
     */
    public Engine(EngineConfig config, ExecutorRegistry registry, ExecutionStore store) {
        this(config, registry, store, HostServices.none());
    }

    /**
     * Creates an engine whose executors may use the host's services (HTTP client, secrets, LLM).
     *
     * @param config   how runs are run
     * @param registry the node executors by type
     * @param store    where execution records go
     * @param host     what the host lends executors
     */
    public Engine(EngineConfig config, ExecutorRegistry registry, ExecutionStore store, HostServices host) {
        this(config, registry, store, host, RunObserver.NONE);
    }

    /**
     * Creates an engine that also tells an observer what runs do (metrics, tracing).
     *
     * @param config   how runs are run
     * @param registry the node executors by type
     * @param store    where execution records go
     * @param host     what the host lends executors
     * @param observer told when runs and nodes start and end
     */
    public Engine(EngineConfig config, ExecutorRegistry registry, ExecutionStore store, HostServices host,
                  RunObserver observer) {
        this.host = host;
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.ended = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
                return size() > config.maxRetainedRuns();
            }
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("flowcraft-engine-timer").factory());
        this.recorder = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("flowcraft-execution-recorder").factory());
        this.services = new Services();
        int stale = store.failUnfinished();
        if (stale > 0) {
            LOG.log(System.Logger.Level.WARNING, stale + " run(s) were still going when the last process stopped;"
                    + " they are recorded as failed");
        }
        timer.scheduleAtFixedRate(this::watch, 50, 50, TimeUnit.MILLISECONDS);
    }

    /**
     * The bus every run publishes on.
     *
     * @return the event bus
     */
    public EventBus events() {
        return bus;
    }

    /**
     * Lists every problem that keeps a diagram from running, without running it.
     *
     * @param diagram the diagram
     * @return the problems; empty when it can run
     */
    public List<Problem> validate(Graph diagram) {
        return switch (compiler().compile(diagram)) {
            case DiagramCompiler.Compiled c -> List.of();
            case DiagramCompiler.Invalid i -> i.problems();
        };
    }

    /**
     * Starts a run, unless the diagram is invalid.
     *
     * @param request what to run
     * @return the started run, or every problem found
     */
    public StartResult start(ExecutionRequest request) {
        Plan plan = cachedPlan(request.diagram());
        if (plan == null) {
            switch (compiler().compile(request.diagram())) {
                case DiagramCompiler.Invalid i -> {
                    return new StartResult.Rejected(i.problems());
                }
                case DiagramCompiler.Compiled c -> {
                    plan = c.plan();
                    plans.put(new IdentityKey(request.diagram()), plan);
                }
            }
        }
        String id = UUID.randomUUID().toString();
        Run run = new Run(id, request, plan, bus, services, config);
        active.put(id, run);
        run.start();
        return new StartResult.Started(id, run.completion());
    }

    /** A plan compiled earlier for this very diagram, if every executor it uses is still the one the registry offers. */
    private Plan cachedPlan(Graph diagram) {
        Plan plan = plans.get(new IdentityKey(diagram));
        if (plan == null) {
            return null;
        }
        Map<String, io.flowcraft.api.spi.NodeExecutor> seen = new java.util.HashMap<>();
        for (Plan.PlanNode node : plan.nodes) {
            if (seen.putIfAbsent(node.type(), node.executor()) == null
                    && !registry.find(node.type()).map(node.executor()::equals).orElse(false)) {
                plans.remove(new IdentityKey(diagram));
                return null;
            }
        }
        return plan;
    }

    /**
     * Pauses a run: no node starts until it resumes; running ones finish.
     *
     * @param executionId the run
     * @return what happened
     */
    public ControlResult pause(String executionId) {
        Run run = active.get(executionId);
        return run == null ? missing(executionId) : run.pause();
    }

    /**
     * Resumes a paused run.
     *
     * @param executionId the run
     * @return what happened
     */
    public ControlResult resume(String executionId) {
        Run run = active.get(executionId);
        return run == null ? missing(executionId) : run.resume();
    }

    /**
     * Cancels a run: running nodes are interrupted (their subprocesses killed) and it ends with
     * {@code execution_cancelled}.
     *
     * @param executionId the run
     * @param reason      who or what cancelled it
     * @return what happened
     */
    public ControlResult cancel(String executionId, String reason) {
        Run run = active.get(executionId);
        return run == null ? missing(executionId) : run.cancel(reason);
    }

    /**
     * Answers a node waiting for a person.
     *
     * @param executionId the run
     * @param nodeId      the waiting node
     * @param response    the answer
     * @return what happened
     */
    public ControlResult respond(String executionId, String nodeId, Object response) {
        Run run = active.get(executionId);
        return run == null ? missing(executionId) : run.respond(nodeId, response);
    }

    /**
     * One execution: live while it runs, else from memory or the store.
     *
     * @param executionId the run
     * @return its record
     */
    public Optional<ExecutionRecord> execution(String executionId) {
        Run run = active.get(executionId);
        if (run == null) {
            run = ended.get(executionId);
        }
        return run != null ? Optional.of(run.snapshot()) : store.find(executionId);
    }

    /**
     * Executions, newest first: the running ones and the recorded ones.
     *
     * @param graphId only this graph's, or all when empty
     * @param limit   at most this many
     * @return the records
     */
    public List<ExecutionRecord> executions(Optional<String> graphId, int limit) {
        Map<String, ExecutionRecord> byId = new LinkedHashMap<>();
        for (Run run : active.values()) {
            if (graphId.isEmpty() || graphId.get().equals(run.graphId)) {
                byId.put(run.id, run.snapshot());
            }
        }
        for (ExecutionRecord r : store.list(graphId, limit)) {
            byId.putIfAbsent(r.id(), r);
        }
        List<ExecutionRecord> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(ExecutionRecord::startedAt).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * The runs of a graph that have not ended, as snapshots (for a client that joins mid-run).
     *
     * @param graphId the graph
     * @return their records
     */
    public List<ExecutionRecord> running(String graphId) {
        List<ExecutionRecord> out = new ArrayList<>();
        for (Run run : active.values()) {
            if (run.graphId.equals(graphId)) {
                ExecutionRecord r = run.snapshot();
                if (!r.status().terminal()) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Completes with a run's terminal event.
     *
     * @param executionId the run
     * @return the completion, if the run is known to this process
     */
    public Optional<CompletableFuture<ExecutionEvent.Terminal>> completion(String executionId) {
        Run run = active.get(executionId);
        if (run == null) {
            run = ended.get(executionId);
        }
        return Optional.ofNullable(run).map(Run::completion);
    }

    /**
     * Cancels every running execution, waits (up to 5 s) for its interrupted nodes to clean up,
     * writes the last records and closes the store.
     */
    @Override
    public void close() {
        List<Run> runs = List.copyOf(active.values());
        for (Run run : runs) {
            run.cancel("the server is stopping");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Run run : runs) {
            run.awaitStopped(deadline); // interrupted nodes kill their subprocesses before we go
        }
        timer.shutdownNow();
        recorder.shutdown();
        try {
            if (!recorder.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "some execution records were not written before stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private ControlResult missing(String executionId) {
        return ended.containsKey(executionId) || store.find(executionId).isPresent()
                ? ControlResult.ALREADY_ENDED : ControlResult.UNKNOWN_EXECUTION;
    }

    private DiagramCompiler compiler() {
        return new DiagramCompiler(registry, config.defaultMaxIteration());
    }

    private void watch() {
        long now = System.nanoTime();
        for (Run run : active.values()) {
            run.checkTimeouts(now);
        }
    }

    /** What runs need from their engine. */
    final class Services {
        HostServices host() {
            return host;
        }

        RunObserver observer() {
            return observer;
        }

        ScheduledExecutorService timer() {
            return timer;
        }

        void record(ExecutionRecord record) {
            try {
                recorder.execute(() -> store.save(record));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                store.save(record);
            }
        }

        void ended(Run run) {
            active.remove(run.id);
            ended.put(run.id, run);
        }
    }
}
