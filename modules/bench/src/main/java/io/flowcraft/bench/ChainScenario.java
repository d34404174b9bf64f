package io.flowcraft.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chain-10}: a 10-node chain (start, 8 {@code noop}s, endpoint) sent inline in
 * {@code execute_diagram}, in a closed loop: the next request goes out when the previous run's
 * {@code execution_completed} has arrived. Latency = request sent → terminal event received.
 * Needs the bench-nodes plugin in the server.
 */
final class ChainScenario extends BenchScenario {
    static final int LENGTH = 10;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(10);

    ChainScenario() {
        super("chain-10", "10-node chain over WebSocket, request -> execution_completed, closed loop");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int runs = o.pick(o.rounds(), 1000, 200);
        int warmUp = o.quick() ? 50 : 200;
        String diagram = ExecDiagram.chain(LENGTH).json();
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();
        LatencyRecorder latency = new LatencyRecorder();
        LatencyRecorder started = new LatencyRecorder();
        LatencyRecorder serverMs = new LatencyRecorder();
        try (ExecRoom room = ExecRoom.open(ctx, name(), 1)) {
            for (int i = 0; i < warmUp; i++) {
                String id = room.execute(diagram, null).executionId();
                ExecRoom.check(room.await(id, RUN_TIMEOUT), LENGTH, violations);
                room.forget(id);
            }
            ResourceMeter meter = ResourceMeter.start(ctx);
            long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
            int done = 0;
            for (; done < runs; done++) {
                if (System.nanoTime() > deadline) {
                    notes.add(timeLimitNote(ctx, done, "runs"));
                    break;
                }
                ExecRoom.Started s = room.execute(diagram, null);
                List<ExecTrace> seen = room.await(s.executionId(), RUN_TIMEOUT);
                ExecRoom.check(seen, LENGTH, violations);
                latency.record(seen.getFirst().terminalNanos() - s.sendNanos());
                started.record(s.ackNanos() - s.sendNanos());
                serverMs.record(seen.getFirst().durationMs() * 1_000_000);
                room.forget(s.executionId());
            }
            meter.stop();
            room.dropped().forEach(d -> violations.add("client disconnected: " + d));
            LatencyRecorder.LatencyStats stats = latency.stats();
            List<Metric> metrics = new ArrayList<>(List.of(Metric.count("runs", done)));
            metrics.add(Metric.of("roundtrip_mean", stats.meanMs(), "ms"));
            metrics.add(Metric.of("roundtrip_p50", stats.p50Ms(), "ms").atMost(1));
            metrics.add(Metric.of("roundtrip_p99", stats.p99Ms(), "ms").atMost(5));
            metrics.add(Metric.of("roundtrip_max", stats.maxMs(), "ms"));
            metrics.add(Metric.of("to_started_p50", started.stats().p50Ms(), "ms"));
            metrics.add(Metric.of("server_duration_p50", serverMs.stats().p50Ms(), "ms"));
            notes.add("roundtrip = execute_diagram sent -> execution_completed received (one client); "
                    + "server duration = execution_completed.durationMs (whole ms)");
            return finish(metrics, meter, done, "run", violations, notes, null);
        }
    }
}
