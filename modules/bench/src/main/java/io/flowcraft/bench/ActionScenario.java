package io.flowcraft.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code action-roundtrip}: one client runs {@code execute_action} ({@code duplicate}, from the
 * shipped graph-actions plugin) on a 1,000-node graph in a closed loop while 100 clients watch.
 * Measures the round trip (request → the requester's {@code apply_changes}) and the time until the
 * last watcher has it, with server CPU per action. Needs the graph-actions plugin in the server's
 * plugins directory (the distribution ships it; the bench puts it there when it launches the server).
 */
final class ActionScenario implements Scenario {
    private static final String ACTION = "duplicate";

    @Override
    public String name() {
        return "action-roundtrip";
    }

    @Override
    public String description() {
        return "execute_action round trip on a 1,000-node graph with 100 clients watching";
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int watchers = o.pick(o.readers(), 100, 10);
        int actions = o.pick(o.edits(), 300, 30);
        int nodes = o.pick(o.nodes(), 1000, 1000);
        String graphId = ctx.newGraphId(name());
        URI uri = ctx.graphUri(graphId);
        long seeded = SyncWriter.seed(ctx.clients(), uri, GraphGenerator.generate(nodes, nodes, 42).render());
        ConcurrentHashMap<Long, AtomicLong> seen = new ConcurrentHashMap<>();
        ConcurrentHashMap<Long, Long> lastSeen = new ConcurrentHashMap<>();
        List<WsClient> clients = new ArrayList<>();
        ConcurrentHashMap<String, CompletableFuture<Frame>> answers = new ConcurrentHashMap<>();
        Violations violations = new Violations();
        try {
            for (int i = 0; i < watchers; i++) {
                clients.add(connect(ctx, uri, "watcher-" + i, f -> {
                    if ("apply_changes".equals(f.type())) {
                        seen.computeIfAbsent(f.version(), v -> new AtomicLong()).incrementAndGet();
                        lastSeen.merge(f.version(), f.receivedNanos(), Math::max);
                    }
                }));
            }
            WsClient actor = connect(ctx, uri, "actor", f -> {
                if (f.correlationId() != null) {
                    CompletableFuture<Frame> answer = answers.remove(f.correlationId());
                    if (answer != null) {
                        answer.complete(f);
                    }
                }
            });
            clients.add(actor);
            LatencyRecorder roundTrip = new LatencyRecorder();
            LatencyRecorder allWatchers = new LatencyRecorder();
            int warmUp = o.quick() ? 5 : 50;
            ResourceMeter meter = null;
            long expected = seeded;
            int done = 0;
            long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
            for (int i = 0; i < warmUp + actions && System.nanoTime() < deadline; i++) {
                if (i == warmUp) {
                    meter = ResourceMeter.start(ctx);
                }
                String id = "act-" + i;
                CompletableFuture<Frame> answer = new CompletableFuture<>();
                answers.put(id, answer);
                long start = System.nanoTime();
                actor.send("{\"type\":\"execute_action\",\"correlationId\":\"" + id + "\",\"payload\":{\"actionId\":\""
                        + ACTION + "\",\"nodeId\":\"" + GraphGenerator.nodeId(i % nodes) + "\"}}");
                Frame f;
                try {
                    f = answer.get(ScenarioContext.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    throw new BenchException("no answer to execute_action within "
                            + ScenarioContext.ANSWER_TIMEOUT.toSeconds() + " s (is the graph-actions plugin loaded?)");
                }
                if (!"apply_changes".equals(f.type())) {
                    throw new BenchException("execute_action was answered with " + Frame.abbreviate(f.text() == null
                            ? f.type() + " " + f.code() : f.text()) + " (is the graph-actions plugin loaded?)");
                }
                if (f.version() != expected + 1) {
                    violations.add("action " + i + " made version " + f.version() + ", expected " + (expected + 1));
                }
                expected = f.version();
                long waitUntil = System.nanoTime() + ScenarioContext.ANSWER_TIMEOUT.toNanos();
                while (seen.getOrDefault(expected, new AtomicLong()).get() < watchers && System.nanoTime() < waitUntil) {
                    Thread.onSpinWait();
                }
                if (seen.getOrDefault(expected, new AtomicLong()).get() < watchers) {
                    violations.add("version " + expected + " reached only " + seen.get(expected) + " watchers");
                }
                if (i >= warmUp) {
                    roundTrip.record(f.receivedNanos() - start);
                    allWatchers.record(lastSeen.getOrDefault(expected, f.receivedNanos()) - start);
                    done++;
                }
            }
            if (meter == null) {
                throw new BenchException("the time limit ended the warm-up");
            }
            meter.stop();
            List<Metric> metrics = new ArrayList<>(List.of(Metric.count("watchers", watchers),
                    Metric.count("actions", done)));
            metrics.addAll(roundTrip.stats().metrics("roundtrip", "", 0));
            metrics.addAll(allWatchers.stats().metrics("all_watchers", "", 0));
            metrics.addAll(meter.metrics(done, "action"));
            metrics.add(Metric.count("violations", violations.count()));
            List<String> notes = new ArrayList<>(meter.notes());
            notes.addAll(violations.descriptions());
            return new ScenarioResult(name(), metrics, violations.count(), notes, null);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    private static WsClient connect(ScenarioContext ctx, URI uri, String name, java.util.function.Consumer<Frame> handler)
            throws BenchException, InterruptedException {
        try {
            return ctx.clients().connect(uri, name, true, handler)
                    .get(ScenarioContext.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new BenchException("could not connect " + name + " to " + uri + ": " + e);
        }
    }
}
