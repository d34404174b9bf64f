package io.flowcraft.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code engine-10k-ws}: the 10,000-node diagram of {@code engine-10k} run by the server, sent
 * inline in {@code execute_diagram}, with 10 clients of the graph that must each receive every
 * event in order. Per node = request sent → the last client's terminal event, / 10,000; beside it
 * the server's own {@code durationMs} per node and the time to {@code execution_started}
 * (parsing and compiling the 1.2 MB diagram). Needs the bench-nodes plugin in the server.
 */
final class EngineWsScenario extends BenchScenario {
    static final double TARGET_US_PER_NODE = 10;
    static final int CLIENTS = 10;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    EngineWsScenario() {
        super("engine-10k-ws", "server runs 10,000 noop nodes (inline diagram), 10 clients receive every event");
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int layers = o.pick(o.nodes() > 0 ? Math.max(1, o.nodes() / 100) : 0, 100, 20);
        int work = 100 * layers;
        int warmUp = o.quick() ? 1 : 3;
        int runs = o.quick() ? 2 : 5;
        String diagram = ExecDiagram.layered(100, layers).json();
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();
        int clients = o.pick(o.readers(), CLIENTS, CLIENTS);
        try (ExecRoom room = ExecRoom.open(ctx, name(), clients)) {
            for (int i = 0; i < warmUp; i++) {
                String id = room.execute(diagram, null).executionId();
                ExecRoom.check(room.await(id, RUN_TIMEOUT), work + 1, violations);
                room.forget(id);
            }
            double[] client = new double[runs];
            double[] server = new double[runs];
            double[] ack = new double[runs];
            ResourceMeter meter = ResourceMeter.start(ctx);
            for (int i = 0; i < runs; i++) {
                ExecRoom.Started s = room.execute(diagram, null);
                List<ExecTrace> seen = room.await(s.executionId(), RUN_TIMEOUT);
                ExecRoom.check(seen, work + 1, violations);
                client[i] = (ExecRoom.lastTerminal(seen) - s.sendNanos()) / 1e3 / work;
                server[i] = seen.getFirst().durationMs() * 1e3 / work;
                ack[i] = (s.ackNanos() - s.sendNanos()) / 1e6;
                room.forget(s.executionId());
            }
            meter.stop();
            room.dropped().forEach(d -> violations.add("client disconnected: " + d));
            Summary c = Summary.of(client);
            Summary sv = Summary.of(server);
            List<Metric> metrics = new ArrayList<>(List.of(Metric.count("nodes", work), Metric.count("clients", clients),
                    Metric.count("runs", runs), Metric.count("events_per_client_per_run", 2L + 2L * (work + 1)),
                    Metric.of("per_node_all_clients_min", c.min(), "us").atMost(TARGET_US_PER_NODE),
                    Metric.of("per_node_all_clients_median", c.median(), "us").atMost(TARGET_US_PER_NODE),
                    Metric.of("per_node_server_duration_median", sv.median(), "us"),
                    Metric.of("request_to_started_median", Summary.of(ack).median(), "ms")));
            notes.add("per node = execute_diagram sent -> last of " + clients + " clients has execution_completed, / "
                    + work + "; server duration = execution_completed.durationMs / " + work);
            return finish(metrics, meter, (long) runs * work, "node", violations, notes, null);
        }
    }
}
