package io.flowcraft.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parallel-N}: start → N {@code sleep} nodes of 10 ms → one endpoint joining them all, sent
 * inline in {@code execute_diagram}. Makespan = the run's {@code durationMs} and, as the client
 * sees it, request sent → {@code execution_completed}; a perfect engine needs 10 ms. Several runs
 * after a warm-up; min and median. Needs the bench-nodes plugin in the server.
 */
final class ParallelScenario extends BenchScenario {
    static final long SLEEP_MS = 10;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private final int width;
    private final double targetMs;

    /**
     * @param width    the number of sleep nodes
     * @param targetMs the makespan goal
     */
    ParallelScenario(int width, double targetMs) {
        super("parallel-" + width, "start -> " + width + " sleep nodes of 10 ms -> endpoint joining all: makespan");
        this.width = width;
        this.targetMs = targetMs;
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int runs = o.quick() ? 3 : 7;
        int warmUp = o.quick() ? 2 : 5;
        String diagram = ExecDiagram.fanOut(width, SLEEP_MS).json();
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();
        try (ExecRoom room = ExecRoom.open(ctx, name(), 1)) {
            for (int i = 0; i < warmUp; i++) {
                String id = room.execute(diagram, null).executionId();
                ExecRoom.check(room.await(id, RUN_TIMEOUT), width + 2, violations);
                room.forget(id);
            }
            double[] server = new double[runs];
            double[] client = new double[runs];
            double[] started = new double[runs];
            ResourceMeter meter = ResourceMeter.start(ctx);
            for (int i = 0; i < runs; i++) {
                ExecRoom.Started s = room.execute(diagram, null);
                List<ExecTrace> seen = room.await(s.executionId(), RUN_TIMEOUT);
                ExecRoom.check(seen, width + 2, violations);
                server[i] = seen.getFirst().durationMs();
                client[i] = (seen.getFirst().terminalNanos() - s.sendNanos()) / 1e6;
                started[i] = (s.ackNanos() - s.sendNanos()) / 1e6;
                room.forget(s.executionId());
            }
            meter.stop();
            room.dropped().forEach(d -> violations.add("client disconnected: " + d));
            Summary sv = Summary.of(server);
            Summary cl = Summary.of(client);
            List<Metric> metrics = new ArrayList<>(List.of(Metric.count("sleep_nodes", width), Metric.count("runs", runs),
                    Metric.of("makespan_server_min", sv.min(), "ms").atMost(targetMs),
                    Metric.of("makespan_server_median", sv.median(), "ms").atMost(targetMs),
                    Metric.of("makespan_client_min", cl.min(), "ms"),
                    Metric.of("makespan_client_median", cl.median(), "ms"),
                    Metric.of("to_started_median", Summary.of(started).median(), "ms")));
            notes.add("makespan_server = execution_completed.durationMs; makespan_client = execute_diagram sent -> "
                    + "execution_completed received; ideal: " + SLEEP_MS + " ms");
            return finish(metrics, meter, runs, "run", violations, notes, null);
        }
    }
}
