package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a scenario gets to work with.
 *
 * @param endpoint the server's WebSocket endpoint, without a graph id
 * @param options  the command-line options (counts, quick mode)
 * @param clients  opens WebSocket connections
 * @param server   reads the server process's CPU and memory, or {@code null} when its pid is unknown
 * @param self     reads the bench's own process
 */
record ScenarioContext(URI endpoint, BenchOptions options, WsClients clients, ProcSampler server, ProcSampler self) {

    /** How long connecting and waiting for a snapshot may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** How long a single broadcast or answer may take before the scenario gives up. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** A fresh graph id for a scenario: {@code bench-<scenario>-<random hex>}. */
    String newGraphId(String scenario) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "bench-" + scenario + "-" + HexFormat.of().formatHex(random);
    }

    /** The WebSocket URI of a graph. */
    URI graphUri(String graphId) {
        return BenchOptions.graphUri(endpoint, graphId);
    }

    /** The wall-time limit of a scenario's measuring loop. */
    Duration timeLimit() {
        return Duration.ofSeconds(options.timeLimit());
    }
}
