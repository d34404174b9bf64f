package io.flowcraft.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code events-10c}: execution events delivered per second to 10 clients of a graph while 4
 * executions of 2,500 {@code noop} nodes each (25 x 100) run at the same time. Every client must
 * receive every event of every execution, and per execution in the same order as client 0.
 * Rate = events received by all clients / (first request sent → last client's last terminal event).
 * Needs the bench-nodes plugin in the server.
 */
final class EventsScenario extends BenchScenario {
    static final int CLIENTS = 10;
    static final int EXECUTIONS = 4;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    EventsScenario() {
        super("events-10c", "execution events per second to 10 clients, 4 concurrent 2,500-node runs, none lost");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int layers = o.quick() ? 10 : 25;
        int work = 100 * layers;
        int rounds = o.quick() ? 1 : 3;
        String diagram = ExecDiagram.layered(100, layers).json();
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();
        try (ExecRoom room = ExecRoom.open(ctx, name(), CLIENTS)) {
            round(room, diagram, work, violations); // warm-up
            double[] rates = new double[rounds];
            long delivered = 0;
            ResourceMeter meter = ResourceMeter.start(ctx);
            for (int r = 0; r < rounds; r++) {
                long[] counted = new long[1];
                long nanos = round(room, diagram, work, violations, counted);
                rates[r] = counted[0] / (nanos / 1e9);
                delivered += counted[0];
            }
            meter.stop();
            room.dropped().forEach(d -> violations.add("client disconnected: " + d));
            Summary s = Summary.of(rates);
            List<Metric> metrics = new ArrayList<>(List.of(Metric.count("clients", CLIENTS),
                    Metric.count("executions_at_once", EXECUTIONS), Metric.count("nodes_per_execution", work),
                    Metric.count("events_delivered", delivered),
                    new Metric("events_per_s_max", s.max(), "1/s", 0),
                    new Metric("events_per_s_median", s.median(), "1/s", 0)));
            notes.add("events = every execution_* and node_* message received by every client");
            return finish(metrics, meter, Math.max(1, delivered / 1000), "1k_events", violations, notes, null);
        }
    }

    private static long round(ExecRoom room, String diagram, int work, Violations violations)
            throws BenchException, InterruptedException {
        return round(room, diagram, work, violations, new long[1]);
    }

    /** Starts the executions, waits for all, checks them; returns the nanoseconds and adds the events received to {@code counted[0]}. */
    private static long round(ExecRoom room, String diagram, int work, Violations violations, long[] counted)
            throws BenchException, InterruptedException {
        List<ExecRoom.Started> started = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            started.add(room.execute(diagram, null));
        }
        long last = 0;
        for (ExecRoom.Started s : started) {
            List<ExecTrace> seen = room.await(s.executionId(), RUN_TIMEOUT);
            ExecRoom.check(seen, work + 1, violations);
            last = Math.max(last, ExecRoom.lastTerminal(seen));
            counted[0] += seen.stream().mapToLong(ExecTrace::events).sum();
            room.forget(s.executionId());
        }
        return last - started.getFirst().sendNanos();
    }
}
