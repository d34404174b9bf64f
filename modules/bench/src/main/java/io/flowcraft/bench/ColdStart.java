package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;

/**
 * One cold start of the server, measured from the moment its process is launched: until it prints
 * {@code listening on}, until a client that connects at that moment has received its first
 * WebSocket message (the graph's {@code sync_graph}), and its resident memory ({@code VmRSS}) once
 * it has settled, idle, after that client left.
 *
 * @param listeningMs    launch → the {@code listening on} line, in ms
 * @param firstMessageMs launch → the first WebSocket message received, in ms
 * @param idleRssMib     {@code VmRSS} after settling, in MiB ({@code NaN} when unreadable)
 */
record ColdStart(double listeningMs, double firstMessageMs, double idleRssMib) {

    /** The hard limit of a scenario made of cold starts: a few dozen launches, each bounded. */
    static final Duration SCENARIO_LIMIT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How many launches of each variant a scenario measures: 5, or 2 with {@code --quick}. */
    static int launches(ScenarioContext ctx) {
        return ctx.options().quick() ? 2 : 5;
    }

    /** How long a started server stays idle before its memory is read: 3 s, or 1 s with {@code --quick}. */
    static Duration settle(ScenarioContext ctx) {
        return ctx.options().quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(3);
    }

    /**
     * Launches a server as {@code spec} says, measures its start and stops it.
     *
     * @param clients opens the WebSocket connection
     * @param spec    how to launch the server
     * @param settle  how long the server stays idle before its memory is read
     * @throws BenchException when the server does not start or does not answer
     */
    static ColdStart measure(WsClients clients, LaunchSpec spec, Duration settle)
            throws BenchException, InterruptedException {
        try (ServerLauncher server = ServerLauncher.start(START_TIMEOUT, null, spec)) {
            URI uri = BenchOptions.graphUri(server.uri(), "cold-start");
            CompletableFuture<Frame> first = new CompletableFuture<>();
            WsClient client = null;
            Frame frame;
            try {
                client = clients.connect(uri, "cold-start", false, first::complete)
                        .get(ScenarioContext.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                frame = first.get(ScenarioContext.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new BenchException("no first message from the server just started at " + uri + ": "
                        + BenchException.describe(e));
            } finally {
                if (client != null) {
                    client.close();
                }
            }
            if (!frame.isSnapshot()) {
                throw new BenchException("the first message of the server just started was " + frame.type()
                        + ", not sync_graph");
            }
            Thread.sleep(settle.toMillis());
            long rssKb = new ProcSampler(server.pid(), 100).sample().rssKb();
            return new ColdStart(millis(server.listeningNanos() - server.launchedNanos()),
                    millis(frame.receivedNanos() - server.launchedNanos()), rssKb < 0 ? Double.NaN : rssKb / 1024.0);
        }
    }

    /**
     * Measures {@code launches} starts of each variant, interleaved (A, B, A, B, …) so that a change
     * in the machine's load affects every variant alike.
     *
     * @param variants the launch specs by name, in order
     * @return the measured starts by variant name
     * @throws BenchException when a start fails
     */
    static Map<String, List<ColdStart>> series(WsClients clients, Map<String, LaunchSpec> variants, int launches,
                                               Duration settle) throws BenchException, InterruptedException {
        Map<String, List<ColdStart>> results = new LinkedHashMap<>();
        variants.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        for (int i = 0; i < launches; i++) {
            for (Map.Entry<String, LaunchSpec> v : variants.entrySet()) {
                results.get(v.getKey()).add(measure(clients, v.getValue(), settle));
            }
        }
        return results;
    }

    /** The spread of one figure over several starts. */
    static Summary summary(List<ColdStart> starts, ToDoubleFunction<ColdStart> figure) {
        return Summary.of(starts.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
