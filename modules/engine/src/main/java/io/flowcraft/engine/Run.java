package io.flowcraft.engine;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.api.execution.NodeStatus;
import io.flowcraft.api.spi.AsyncNodeExecutor;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.api.spi.RunView;
import io.flowcraft.api.spi.TokenUsage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution: the scheduler state of a plan and the rules that move it.
 *
 * <p>Values travel as tokens on edges: a live token carries a node's output, a dead token says the
 * branch was not taken. A node becomes ready when every edge it waits for holds a token (on its
 * first run: its forward edges, or only its {@code first} edges when it has some; on later runs in a
 * loop: any back edge, or its edges from inside the loop). All dead → the node is skipped and passes
 * dead tokens on. Dead tokens leaving a loop wait until the run is otherwise quiet, because the loop
 * may still leave through that edge later.
 *
 * <p>All state changes happen under one lock, and events are published under it, so every client
 * sees a run's events in the order they happened. Nodes run on virtual threads outside the lock.
 */
final class Run {
    private static final System.Logger LOG = System.getLogger(Run.class.getName());
    private static final Object DEAD = new Object();
    /** The content type of an edge that hands a conversation on. */
    private static final String CONVERSATION_STATE = "conversation_state";
    private static final TokenUsage NO_TOKENS = new TokenUsage(0, 0);
    /** Every node runs on a fresh virtual thread; a factory, unlike a builder, is thread-safe. */
    private static final java.util.concurrent.ThreadFactory VIRTUAL = Thread.ofVirtual().name("flowcraft-node").factory();

    /** A live token; the value may be null. */
    private record Live(Object value) {
    }

    private record Activation(int node, Map<String, Object> inputs, int attempt) {
    }

    private record Waiting(CompletableFuture<Object> answer, String prompt, long timeoutSeconds) {
    }

    /** One attempt at running a node. */
    private final class Attempt {
        final Activation activation;
        final long startNanos = System.nanoTime();
        final long deadlineNanos;
        final Duration timeout;
        volatile Thread thread;
        volatile CompletableFuture<?> stage;
        boolean finished;
        /** What the node's calls through the LLM gateway used; null before the first. Guarded by the lock. */
        TokenUsage llmUsage;

        Attempt(Activation activation, Duration timeout) {
            this.activation = activation;
            this.timeout = timeout;
            this.deadlineNanos = startNanos + timeout.toNanos();
        }
    }

    final String id;
    final String graphId;
    final OptionalLong version;
    private final Plan plan;
    private final EventBus bus;
    private final Engine.Services services;
    private final EngineConfig config;
    private final int maxConcurrency;
    private final long runDeadlineNanos;
    private final Duration runTimeout;
    private final Path baseDir;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<ExecutionEvent.Terminal> done = new CompletableFuture<>();

    private final Object[] inbox;
    private final Live[] sticky;
    private final boolean[] deferred;
    private int deferredCount;
    private final int[] runs;
    private final NodeStatus[] status;
    private final Object[] lastOutput;
    private final String[] lastHandle;
    /** Per node: the conversation its last run reported (metadata {@code conversation}), or null. */
    private final Object[] lastConversation;
    private final String[] error;
    private final long[] nanos;
    private final TokenUsage[] nodeTokens;
    private final boolean[] busy;
    private final boolean[] queuedEval;
    private final ArrayDeque<Integer> toEvaluate = new ArrayDeque<>();
    private final ArrayDeque<Activation> ready = new ArrayDeque<>();
    private final Map<Integer, Attempt> running = new HashMap<>();
    private final Map<String, Waiting> asks = new LinkedHashMap<>();
    private int pendingRetries;
    /** Node threads interrupted when the run ended; they clean up (kill subprocesses) before ending. */
    private final List<Thread> stopping = new ArrayList<>();
    private boolean paused;
    private ExecutionStatus runStatus = ExecutionStatus.RUNNING;
    private long steps;
    private TokenUsage tokens = NO_TOKENS;
    /** Each person's conversation in this run (guarded by {@code lock}). */
    private final Map<String, List<io.flowcraft.api.spi.MemoryMessage>> conversations = new LinkedHashMap<>();
    private Map<String, Object> variables;
    private long endNanos;
    private String failure;

    Run(String id, ExecutionRequest request, Plan plan, EventBus bus, Engine.Services services, EngineConfig config) {
        this.id = id;
        this.graphId = request.graphId();
        this.version = request.version();
        this.plan = plan;
        this.bus = bus;
        this.services = services;
        this.config = config;
        this.maxConcurrency = request.options().maxConcurrency().orElse(config.maxConcurrency());
        this.runTimeout = request.options().timeout().orElse(null);
        this.runDeadlineNanos = runTimeout == null ? Long.MAX_VALUE : startNanos + runTimeout.toNanos();
        this.baseDir = request.options().baseDir().orElse(config.baseDir());
        int n = plan.nodes.length;
        int m = plan.edges.length;
        inbox = new Object[m];
        sticky = new Live[m];
        deferred = new boolean[m];
        runs = new int[n];
        status = new NodeStatus[n];
        java.util.Arrays.fill(status, NodeStatus.PENDING);
        lastOutput = new Object[n];
        lastHandle = new String[n];
        lastConversation = new Object[n];
        error = new String[n];
        nanos = new long[n];
        nodeTokens = new TokenUsage[n];
        busy = new boolean[n];
        queuedEval = new boolean[n];
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int s : plan.starts) {
            if (plan.nodes[s].data().get("custom_data") instanceof Map<?, ?> custom) {
                custom.forEach((k, v) -> vars.put(String.valueOf(k), v));
            }
        }
        vars.putAll(request.inputs());
        variables = JsonValues.freezeObject(vars);
    }

    CompletableFuture<ExecutionEvent.Terminal> completion() {
        return done;
    }

    // ---- entry points (each takes the lock and turns any internal failure into a failed run) ----

    void start() {
        lock.lock();
        try {
            publish(() -> new ExecutionEvent.ExecutionStarted(id, graphId, version));
            services.observer().runStarted(id, graphId);
            services.record(snapshotLocked());
            for (int s : plan.starts) {
                busy[s] = true;
                ready.add(new Activation(s, Map.of(), 0));
            }
            advance();
        } catch (RuntimeException e) {
            internalFailure(e);
        } finally {
            lock.unlock();
        }
    }

    ControlResult pause() {
        lock.lock();
        try {
            if (runStatus.terminal()) {
                return ControlResult.ALREADY_ENDED;
            }
            if (!paused) {
                paused = true;
                runStatus = ExecutionStatus.PAUSED;
                publish(() -> new ExecutionEvent.ExecutionPaused(id, graphId));
            }
            return ControlResult.DONE;
        } finally {
            lock.unlock();
        }
    }

    ControlResult resume() {
        lock.lock();
        try {
            if (runStatus.terminal()) {
                return ControlResult.ALREADY_ENDED;
            }
            if (paused) {
                paused = false;
                runStatus = ExecutionStatus.RUNNING;
                publish(() -> new ExecutionEvent.ExecutionResumed(id, graphId));
                advance();
            }
            return ControlResult.DONE;
        } catch (RuntimeException e) {
            internalFailure(e);
            return ControlResult.DONE;
        } finally {
            lock.unlock();
        }
    }

    ControlResult cancel(String reason) {
        lock.lock();
        try {
            if (runStatus.terminal()) {
                return ControlResult.ALREADY_ENDED;
            }
            runStatus = ExecutionStatus.CANCELLED;
            failure = reason;
            stopEverything();
            endNanos = System.nanoTime();
            terminate(new ExecutionEvent.ExecutionCancelled(id, graphId, reason, elapsedMs()));
            return ControlResult.DONE;
        } finally {
            lock.unlock();
        }
    }

    ControlResult respond(String nodeId, Object response) {
        Waiting w;
        lock.lock();
        try {
            if (runStatus.terminal()) {
                return ControlResult.ALREADY_ENDED;
            }
            w = asks.remove(nodeId);
            if (w == null) {
                return ControlResult.NOT_WAITING;
            }
        } finally {
            lock.unlock();
        }
        w.answer().complete(response);
        return ControlResult.DONE;
    }

    /** Called by the engine's watchdog: ends attempts and runs that overran their time. */
    void checkTimeouts(long now) {
        lock.lock();
        try {
            if (runStatus.terminal()) {
                return;
            }
            if (now > runDeadlineNanos) {
                fail("the run exceeded its time limit of " + human(runTimeout), Optional.empty());
                return;
            }
            List<Attempt> overdue = null;
            for (Attempt a : running.values()) {
                if (now > a.deadlineNanos) {
                    (overdue == null ? overdue = new ArrayList<>() : overdue).add(a);
                }
            }
            if (overdue != null) {
                for (Attempt a : overdue) {
                    interrupt(a);
                    finishLocked(a, null, new TimeoutException("timed out after " + human(a.timeout)));
                }
            }
        } catch (RuntimeException e) {
            internalFailure(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the node threads interrupted when the run ended have finished cleaning up.
     *
     * @param deadlineNanos give up at this {@link System#nanoTime()}
     */
    void awaitStopped(long deadlineNanos) {
        List<Thread> threads;
        lock.lock();
        try {
            threads = List.copyOf(stopping);
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(java.time.Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return runStatus.terminal();
        } finally {
            lock.unlock();
        }
    }

    ExecutionRecord snapshot() {
        lock.lock();
        try {
            return snapshotLocked();
        } finally {
            lock.unlock();
        }
    }

    // ---- scheduling ----

    /** Starts what may start, then ends the run if nothing is left to do. */
    private void advance() {
        while (true) {
            drain();
            while (!paused && !runStatus.terminal() && running.size() < maxConcurrency && !ready.isEmpty()) {
                launch(ready.poll());
            }
            if (runStatus.terminal() || !running.isEmpty() || pendingRetries > 0 || !ready.isEmpty()) {
                return;
            }
            if (deferredCount > 0) {
                releaseDeferred();
                continue;
            }
            complete();
            return;
        }
    }

    private void drain() {
        Integer t;
        while ((t = toEvaluate.poll()) != null) {
            queuedEval[t] = false;
            evaluate(t);
        }
    }

    private void releaseDeferred() {
        for (int e = 0; e < deferred.length; e++) {
            if (deferred[e]) {
                deferred[e] = false;
                put(e, DEAD);
            }
        }
        deferredCount = 0;
    }

    private void deliver(int e, Object token) {
        Plan.PlanEdge edge = plan.edges[e];
        if (token == DEAD) {
            if (edge.back()) {
                return;
            }
            if (edge.loopExit()) {
                if (sticky[e] != null) {
                    return; // the loop was already left this way: a pass that dies later skips nothing outside it
                }
                if (!deferred[e]) {
                    deferred[e] = true;
                    deferredCount++;
                }
                return;
            }
        } else if (deferred[e]) {
            deferred[e] = false;
            deferredCount--;
        }
        put(e, token);
    }

    private void put(int e, Object token) {
        inbox[e] = token;
        if (token instanceof Live live) {
            sticky[e] = live;
        }
        int t = plan.edges[e].target();
        if (!queuedEval[t]) {
            queuedEval[t] = true;
            toEvaluate.add(t);
        }
    }

    /** Decides whether a node can run, must be skipped, or waits. */
    private void evaluate(int t) {
        if (busy[t] || runStatus.terminal()) {
            return;
        }
        Plan.PlanNode node = plan.nodes[t];
        int[] in = plan.in[t];
        boolean firstPass = runs[t] == 0;
        boolean any = !firstPass && node.loopHead();
        int required = 0;
        int arrived = 0;
        int live = 0;
        for (int e : in) {
            if (!waitsOn(node, plan.edges[e], firstPass)) {
                continue;
            }
            required++;
            Object token = inbox[e];
            if (token != null) {
                arrived++;
                if (token != DEAD) {
                    live++;
                }
            }
        }
        if (required == 0) {
            return; // a node nothing leads to runs only as a start node
        }
        if (live == 0 && arrived < required || !any && arrived < required) {
            return;
        }
        if (live == 0) {
            consume(node, firstPass);
            skip(t, firstPass && runs[t] == 0 ? "its inputs were skipped (branch not taken)"
                    : "its inputs were skipped in this pass");
            return;
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int e : in) {
            Plan.PlanEdge edge = plan.edges[e];
            Object token = inbox[e];
            boolean waited = waitsOn(node, edge, firstPass);
            if (!waited && firstPass && node.hasFirst()) {
                continue; // its other inputs count from its second run on
            }
            if (token instanceof Live l) {
                inputs.put(edge.name(), l.value());
            } else if (!waited && sticky[e] != null && !(edge.first() && !firstPass)) {
                inputs.putIfAbsent(edge.name(), sticky[e].value());
            }
        }
        consume(node, firstPass);
        activate(t, inputs);
    }

    /** Which incoming edges a node waits for in this pass. */
    private boolean waitsOn(Plan.PlanNode node, Plan.PlanEdge edge, boolean firstPass) {
        if (firstPass) {
            return node.hasFirst() ? edge.first() : !edge.back();
        }
        if (edge.first()) {
            return false;
        }
        if (node.loopHead()) {
            return edge.back();
        }
        return plan.loop[node.index()] < 0 || edge.sameLoop();
    }

    private void consume(Plan.PlanNode node, boolean firstPass) {
        for (int e : plan.in[node.index()]) {
            boolean waited = waitsOn(node, plan.edges[e], firstPass);
            if (waited || inbox[e] instanceof Live && !(firstPass && node.hasFirst())) {
                inbox[e] = null;
            }
        }
    }

    private void activate(int t, Map<String, Object> inputs) {
        Plan.PlanNode node = plan.nodes[t];
        if (runs[t] >= node.bound()) {
            int limit = node.maxIteration() > 0 ? node.maxIteration() : node.bound();
            if (othersInLoopCanRun(t)) {
                publish(() -> new ExecutionEvent.NodeSkipped(id, graphId, node.id(),
                        "reached its max_iteration (" + limit + "); its last output is passed on"));
                propagate(t, lastHandle[t], lastOutput[t]);
            } else {
                publish(() -> new ExecutionEvent.NodeSkipped(id, graphId, node.id(),
                        "reached its max_iteration (" + limit + ")"));
                propagate(t, null, DEAD);
            }
            return;
        }
        busy[t] = true;
        ready.add(new Activation(t, java.util.Collections.unmodifiableMap(inputs), 0)); // values are frozen outputs
    }

    private boolean othersInLoopCanRun(int t) {
        int loop = plan.loop[t];
        if (loop < 0) {
            return false;
        }
        for (int i = 0; i < plan.nodes.length; i++) {
            if (i != t && plan.loop[i] == loop && plan.nodes[i].maxIteration() > 0
                    && runs[i] < plan.nodes[i].maxIteration()) {
                return true;
            }
        }
        return false;
    }

    private void skip(int t, String reason) {
        if (runs[t] == 0) {
            status[t] = NodeStatus.SKIPPED;
        }
        publish(() -> new ExecutionEvent.NodeSkipped(id, graphId, plan.nodes[t].id(), reason));
        propagate(t, null, DEAD);
    }

    /**
     * What a {@code conversation_state} edge carries from node {@code n}: the conversation its last
     * run reported ({@code {"messages": [...]}}, e.g. a person's memory after its turn); else the
     * output itself when it already is one (a condition passing a conversation through); else the
     * output as the one message of a conversation, said by that node (DiPeO's conversion; a
     * non-text output stays a JSON value as the message's content).
     */
    private Object handOn(int n, Object output) {
        if (lastConversation[n] != null) {
            return Map.of("messages", lastConversation[n]);
        }
        if (output instanceof Map<?, ?> m && m.get("messages") instanceof List<?>) {
            return output;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", output == null ? "" : output); // JSON values stay values; readers render them
        message.put("node_id", plan.nodes[n].id());
        message.put("iteration", Math.max(0, runs[n] - 1));
        return Map.of("messages", List.of(message));
    }

    /** Sends a node's output along its edges: live where its active handle (if any) fires, dead elsewhere. */
    private void propagate(int n, String handle, Object output) {
        for (int e : plan.out[n]) {
            if (output == DEAD) {
                deliver(e, DEAD);
                continue;
            }
            String sh = plan.edges[e].sourceHandle();
            boolean fires = handle == null || sh.isEmpty() || sh.equals(DiagramCompiler.DEFAULT) || sh.equals(handle);
            Object value = fires && CONVERSATION_STATE.equals(plan.edges[e].contentType())
                    ? handOn(n, output) : output;
            deliver(e, fires ? new Live(value) : DEAD);
        }
    }

    private void launch(Activation a) {
        int n = a.node();
        Plan.PlanNode node = plan.nodes[n];
        if (++steps > config.maxSteps()) {
            fail("the run made more than " + config.maxSteps() + " node runs; a loop may never end", Optional.of(node.id()));
            return;
        }
        status[n] = NodeStatus.RUNNING;
        int iteration = runs[n];
        publish(() -> new ExecutionEvent.NodeStarted(id, graphId, node.id(), iteration));
        services.observer().nodeStarted(id, node.id(), node.type(), iteration);
        LogContext.Ids logIds = new LogContext.Ids(id, Optional.of(node.id()));
        boolean async = node.executor() instanceof AsyncNodeExecutor;
        Duration timeout = node.timeout() == null ? config.nodeTimeout()
                : async ? node.timeout().plusSeconds(2) : node.timeout();
        Attempt attempt = new Attempt(a, timeout);
        running.put(n, attempt);
        Context context = new Context(node, a.inputs(), variables, iteration,
                node.timeout() == null ? config.nodeTimeout() : node.timeout(), attempt);
        if (node.executor() instanceof AsyncNodeExecutor ax) {
            VIRTUAL.newThread(() -> LogContext.with(logIds, () -> {
                try {
                    CompletableFuture<NodeResult> stage = ax.executeAsync(context).toCompletableFuture();
                    attempt.stage = stage;
                    stage.whenComplete((r, ex) -> finish(attempt, r, ex));
                } catch (Throwable t) {
                    finish(attempt, null, t);
                }
            })).start();
        } else {
            Thread thread = VIRTUAL.newThread(() -> LogContext.with(logIds, () -> {
                NodeResult result = null;
                Throwable failure = null;
                try {
                    result = node.executor().execute(context);
                } catch (Throwable t) {
                    failure = t;
                }
                finish(attempt, result, failure);
            }));
            attempt.thread = thread;
            thread.start();
        }
    }

    private void finish(Attempt attempt, NodeResult result, Throwable failure) {
        lock.lock();
        try {
            finishLocked(attempt, result, failure);
        } catch (RuntimeException e) {
            internalFailure(e);
        } finally {
            lock.unlock();
        }
    }

    private void finishLocked(Attempt attempt, NodeResult result, Throwable failure) {
        Activation a = attempt.activation;
        int n = a.node();
        if (runStatus.terminal() || attempt.finished || running.get(n) != attempt) {
            return;
        }
        attempt.finished = true;
        running.remove(n);
        long took = System.nanoTime() - attempt.startNanos;
        nanos[n] += took;
        Plan.PlanNode node = plan.nodes[n];
        // tokens the gateway saw were spent whatever happens next; else trust what the executor reports
        Optional<TokenUsage> used = attempt.llmUsage != null ? Optional.of(attempt.llmUsage)
                : failure == null && result != null ? result.tokens() : Optional.empty();
        used.ifPresent(t -> {
            tokens = tokens.plus(t);
            nodeTokens[n] = nodeTokens[n] == null ? t : nodeTokens[n].plus(t);
        });
        if (failure == null && result == null) {
            failure = new IllegalStateException("the executor of type '" + node.type() + "' returned no result");
        }
        services.observer().nodeEnded(id, node.id(), node.type(), took,
                failure == null ? Optional.empty() : Optional.of(message(failure)));
        if (failure != null) {
            String message = message(failure);
            if (a.attempt() < node.retries()) {
                long delay = node.backoffMs() << Math.min(a.attempt(), 16);
                LogContext.log(LOG, System.Logger.Level.INFO, id, Optional.of(node.id()), "node " + node.id()
                        + " failed (" + message + "); retry " + (a.attempt() + 1) + " of " + node.retries() + " in "
                        + delay + " ms", null);
                pendingRetries++;
                services.timer().schedule(() -> retry(new Activation(n, a.inputs(), a.attempt() + 1)),
                        delay, TimeUnit.MILLISECONDS);
                return;
            }
            busy[n] = false;
            status[n] = NodeStatus.FAILED;
            error[n] = message;
            publish(() -> new ExecutionEvent.NodeFailed(id, graphId, node.id(), message));
            LogContext.log(LOG, System.Logger.Level.INFO, id, Optional.of(node.id()), "node " + node.id() + " ("
                    + node.type() + ") failed: " + message, null);
            fail("node " + quoted(node) + " failed: " + message, Optional.of(node.id()));
            return;
        }
        busy[n] = false;
        runs[n]++;
        status[n] = NodeStatus.COMPLETED;
        lastOutput[n] = result.output();
        lastHandle[n] = result.activeHandle().orElse(null);
        lastConversation[n] = result.metadata().get("conversation") instanceof List<?> c ? c : null;
        if (!result.variables().isEmpty()) {
            variables = JsonValues.merge(variables, result.variables());
        }
        int iteration = runs[n] - 1;
        long ms = TimeUnit.NANOSECONDS.toMillis(took);
        publish(() -> new ExecutionEvent.NodeCompleted(id, graphId, node.id(), iteration, result.output(), ms, used));
        propagate(n, lastHandle[n], result.output());
        if (!queuedEval[n]) {
            queuedEval[n] = true;
            toEvaluate.add(n); // tokens that arrived while it ran
        }
        advance();
    }

    private void retry(Activation a) {
        lock.lock();
        try {
            pendingRetries--;
            if (runStatus.terminal()) {
                return;
            }
            ready.addFirst(a);
            advance();
        } catch (RuntimeException e) {
            internalFailure(e);
        } finally {
            lock.unlock();
        }
    }

    // ---- endings ----

    private void complete() {
        runStatus = ExecutionStatus.COMPLETED;
        for (int i = 0; i < status.length; i++) {
            if (status[i] == NodeStatus.PENDING) {
                status[i] = NodeStatus.SKIPPED;
                String nodeId = plan.nodes[i].id();
                publish(() -> new ExecutionEvent.NodeSkipped(id, graphId, nodeId, "it was not reached"));
            }
        }
        endNanos = System.nanoTime();
        terminate(new ExecutionEvent.ExecutionCompleted(id, graphId, outputs(), elapsedMs(), tokens));
    }

    private Map<String, Object> outputs() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Plan.PlanNode node : plan.nodes) {
            if (node.endpoint() && runs[node.index()] > 0) {
                out.put(node.id(), lastOutput[node.index()]);
            }
        }
        if (out.isEmpty()) {
            for (Plan.PlanNode node : plan.nodes) {
                if (plan.out[node.index()].length == 0 && runs[node.index()] > 0) {
                    out.put(node.id(), lastOutput[node.index()]);
                }
            }
        }
        return out;
    }

    private void fail(String message, Optional<String> nodeId) {
        if (runStatus.terminal()) {
            return;
        }
        runStatus = ExecutionStatus.FAILED;
        failure = message;
        stopEverything();
        endNanos = System.nanoTime();
        terminate(new ExecutionEvent.ExecutionFailed(id, graphId, message, nodeId, elapsedMs()));
    }

    private void internalFailure(RuntimeException e) {
        LogContext.log(LOG, System.Logger.Level.ERROR, id, Optional.empty(), "run " + id + " failed inside the engine", e);
        fail("the engine failed: " + e, Optional.empty());
    }

    private void stopEverything() {
        for (Attempt a : running.values()) {
            if (a.thread != null) {
                stopping.add(a.thread);
            }
            a.finished = true;
            interrupt(a);
            int n = a.activation.node();
            if (status[n] == NodeStatus.RUNNING) {
                status[n] = runStatus == ExecutionStatus.CANCELLED ? NodeStatus.SKIPPED : NodeStatus.FAILED;
                if (error[n] == null) {
                    error[n] = runStatus == ExecutionStatus.CANCELLED ? "cancelled" : "stopped: the run failed";
                }
                Plan.PlanNode node = plan.nodes[n];
                services.observer().nodeEnded(id, node.id(), node.type(), System.nanoTime() - a.startNanos,
                        Optional.of(error[n]));
            }
        }
        running.clear();
        ready.clear();
        toEvaluate.clear();
        for (Waiting w : asks.values()) {
            w.answer().completeExceptionally(new CancellationException("the run ended"));
        }
        asks.clear();
    }

    private static void interrupt(Attempt a) {
        Thread t = a.thread;
        if (t != null) {
            t.interrupt();
        }
        CompletableFuture<?> s = a.stage;
        if (s != null) {
            s.cancel(true);
        }
    }

    private void terminate(ExecutionEvent.Terminal event) {
        publish(() -> event);
        services.observer().runEnded(id, graphId, runStatus, elapsedMs());
        LogContext.log(LOG, runStatus == ExecutionStatus.COMPLETED ? System.Logger.Level.DEBUG : System.Logger.Level.INFO,
                id, Optional.empty(), "run " + id + " of graph " + graphId + " " + runStatus.wire() + " after "
                        + elapsedMs() + " ms" + (failure == null ? "" : ": " + failure), null);
        services.record(snapshotLocked());
        services.ended(this);
        done.complete(event);
    }

    // ---- events and records ----

    private void publish(java.util.function.Supplier<ExecutionEvent> event) {
        if (bus.active()) {
            bus.publish(event.get());
        }
    }

    private ExecutionRecord snapshotLocked() {
        Map<String, ExecutionRecord.NodeRecord> nodes = new LinkedHashMap<>();
        for (Plan.PlanNode node : plan.nodes) {
            int i = node.index();
            nodes.put(node.id(), new ExecutionRecord.NodeRecord(status[i], runs[i], lastOutput[i],
                    Optional.ofNullable(error[i]), TimeUnit.NANOSECONDS.toMillis(nanos[i]),
                    Optional.ofNullable(nodeTokens[i])));
        }
        List<ExecutionRecord.PendingPrompt> prompts = new ArrayList<>();
        asks.forEach((nodeId, w) -> prompts.add(new ExecutionRecord.PendingPrompt(nodeId, w.prompt(), w.timeoutSeconds())));
        return new ExecutionRecord(id, graphId, version, runStatus, startedAt,
                runStatus.terminal() ? Optional.of(Instant.now()) : Optional.empty(), elapsedMs(),
                Optional.ofNullable(failure), runStatus == ExecutionStatus.COMPLETED ? outputs() : Map.of(), tokens,
                nodes, prompts, conversations);
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos);
    }

    private static String message(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof TimeoutException && m != null) {
            return m;
        }
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // a plugin's own exception says what went wrong; a JDK one (NullPointerException…) needs its name
        boolean bare = t.getClass().getName().startsWith("java.") && !(t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof UnsupportedOperationException
                || t instanceof java.io.IOException);
        return bare ? t.getClass().getSimpleName() + ": " + m : m;
    }

    private static String quoted(Plan.PlanNode node) {
        return node.label().equals(node.id()) ? "'" + node.id() + "'" : "'" + node.label() + "' (" + node.id() + ")";
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    // ---- what a node sees ----

    private final class Context implements NodeContext {
        private final Plan.PlanNode node;
        private final Map<String, Object> inputs;
        private final Map<String, Object> vars;
        private final int iteration;
        private final Duration timeout;
        private final Attempt attempt;

        Context(Plan.PlanNode node, Map<String, Object> inputs, Map<String, Object> vars, int iteration,
                Duration timeout, Attempt attempt) {
            this.node = node;
            this.inputs = inputs;
            this.vars = vars;
            this.iteration = iteration;
            this.timeout = timeout;
            this.attempt = attempt;
        }

        @Override
        public String executionId() {
            return id;
        }

        @Override
        public String nodeId() {
            return node.id();
        }

        @Override
        public String nodeType() {
            return node.type();
        }

        @Override
        public Map<String, Object> data() {
            return node.data();
        }

        @Override
        public Map<String, Object> inputs() {
            return inputs;
        }

        @Override
        public Map<String, Object> variables() {
            return vars;
        }

        @Override
        public int iteration() {
            return iteration;
        }

        @Override
        public Path baseDir() {
            return baseDir;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public Map<String, Object> diagramFields() {
            return plan.graph.fields();
        }

        @Override
        public boolean cancelled() {
            lock.lock();
            try {
                return runStatus.terminal() || attempt.finished || Thread.currentThread().isInterrupted();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void progress(String text) {
            lock.lock();
            try {
                if (!attempt.finished && !runStatus.terminal()) {
                    publish(() -> new ExecutionEvent.NodeProgress(id, graphId, node.id(), text));
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public CompletionStage<Object> ask(String prompt, Duration wait) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            lock.lock();
            try {
                if (runStatus.terminal() || attempt.finished) {
                    return CompletableFuture.failedFuture(new CancellationException("the run ended"));
                }
                Waiting w = new Waiting(answer, prompt, seconds);
                asks.put(node.id(), w);
                publish(() -> new ExecutionEvent.InteractivePrompt(id, graphId, node.id(), prompt, seconds));
                services.timer().schedule(() -> {
                    boolean expired;
                    lock.lock();
                    try {
                        expired = asks.remove(node.id(), w);
                    } finally {
                        lock.unlock();
                    }
                    if (expired) {
                        answer.completeExceptionally(new TimeoutException("nobody answered within " + human(wait)));
                    }
                }, wait.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                lock.unlock();
            }
            return answer;
        }

        @Override
        public RunView run() {
            return new View(node.index());
        }

        @Override
        public java.net.http.HttpClient http() {
            return services.host().http().orElseThrow(() -> new UnsupportedOperationException(
                    "this host gives executors no HTTP client"));
        }

        @Override
        public Optional<String> secret(String name) {
            return services.host().secrets().apply(name);
        }

        @Override
        public io.flowcraft.api.spi.LlmGateway llm() {
            LlmService service = services.host().llm().orElseThrow(() -> new UnsupportedOperationException(
                    "this host has no LLM service"));
            return (name, request) -> {
                io.flowcraft.api.spi.LlmResponse response = service.complete(name, request, this::progress);
                lock.lock();
                try {
                    if (attempt.finished) {     // it overran its time: the tokens were spent all the same
                        tokens = tokens.plus(response.usage());
                        int n = node.index();
                        nodeTokens[n] = nodeTokens[n] == null ? response.usage() : nodeTokens[n].plus(response.usage());
                    } else {
                        attempt.llmUsage = attempt.llmUsage == null ? response.usage()
                                : attempt.llmUsage.plus(response.usage());
                    }
                } finally {
                    lock.unlock();
                }
                return response;
            };
        }

        @Override
        public io.flowcraft.api.spi.ConversationMemory memory() {
            return memory;
        }
    }

    /** The people's memory of this run, kept with the run and written into its record. */
    private final io.flowcraft.api.spi.ConversationMemory memory = new io.flowcraft.api.spi.ConversationMemory() {
        @Override
        public List<io.flowcraft.api.spi.MemoryMessage> conversation(String person) {
            lock.lock();
            try {
                return List.copyOf(conversations.getOrDefault(person, List.of()));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void append(String person, List<io.flowcraft.api.spi.MemoryMessage> messages) {
            lock.lock();
            try {
                conversations.computeIfAbsent(person, p -> new ArrayList<>()).addAll(messages);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void clear(String person) {
            lock.lock();
            try {
                conversations.remove(person);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void replace(String person, List<io.flowcraft.api.spi.MemoryMessage> messages) {
            lock.lock();
            try {
                conversations.put(person, new ArrayList<>(messages));
            } finally {
                lock.unlock();
            }
        }
    };

    private final class View implements RunView {
        private final int self;

        View(int self) {
            this.self = self;
        }

        @Override
        public int runs(String nodeId) {
            Integer i = plan.index.get(nodeId);
            if (i == null) {
                return 0;
            }
            lock.lock();
            try {
                return runs[i];
            } finally {
                lock.unlock();
            }
        }

        @Override
        public OptionalInt maxIteration(String nodeId) {
            Integer i = plan.index.get(nodeId);
            return i == null || plan.nodes[i].maxIteration() <= 0 ? OptionalInt.empty()
                    : OptionalInt.of(plan.nodes[i].maxIteration());
        }

        @Override
        public Set<String> loopNodes() {
            int loop = plan.loop[self];
            if (loop < 0) {
                return Set.of();
            }
            Set<String> members = new HashSet<>(plan.loops.get(loop));
            members.remove(plan.nodes[self].id());
            return Set.copyOf(members);
        }

        @Override
        public Map<String, String> labels() {
            return plan.labels;
        }
    }
}
