package io.flowcraft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code llm-stream}: LLM tokens streamed through the server to WebSocket clients. A server of its
 * own is launched with the shipped core-nodes and llm-openai plugins, {@code OPENAI_BASE_URL}
 * pointing at a loopback {@link OpenAiStandIn} and the response cache off (every run calls it);
 * 10 clients watch a graph whose client 0 runs a start → {@code person_job} diagram inline. Paced
 * runs (100 tokens, 5 ms apart, like a fast model) measure the time from {@code execute_diagram}
 * to the first token ({@code node_progress}) at every client, and each token's relay latency from
 * the stand-in's write to each client; unpaced runs (5,000 tokens at once) measure the tokens per
 * second the slowest client receives. Every client must receive every token once, in order.
 */
final class LlmStreamScenario extends BenchScenario {

    private static final String KEY = "sk-bench-stand-in-0000";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final int PACED_TOKENS = 100;
    private static final long PACED_MICROS = 5_000;
    private static final int NODES = 2;

    LlmStreamScenario() {
        super("llm-stream", "LLM tokens from a loopback OpenAI stand-in through person_job to 10 clients: "
                + "first token, relay latency, tokens/s");
    }

    @Override
    public Duration limit(ScenarioContext ctx) {
        return ctx.timeLimit().plus(START_TIMEOUT).plus(Duration.ofSeconds(45));
    }

    @Override
    public ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException {
        BenchOptions o = ctx.options();
        int clients = o.pick(o.readers(), 10, 3);
        int runs = o.pick(o.rounds(), 20, 3);
        int burst = o.quick() ? 1_000 : 5_000;
        int bursts = o.quick() ? 1 : 3;
        Path plugins = null;
        try (OpenAiStandIn standIn = OpenAiStandIn.start()) {
            plugins = pluginsDir();
            LaunchSpec spec = LaunchSpec.withPlugins(plugins).withEnv(Map.of("OPENAI_BASE_URL", standIn.baseUrl(),
                    "OPENAI_API_KEY", KEY, "FLOWCRAFT_LLM_CACHE_ENABLED", "false"));
            try (ServerLauncher server = ServerLauncher.start(START_TIMEOUT, null, spec)) {
                long ticks = Math.round(1000 / ctx.self().tickMillis());
                ScenarioContext own = new ScenarioContext(server.uri(), o, ctx.clients(),
                        new ProcSampler(server.pid(), ticks), ctx.self());
                return measure(own, standIn, clients, runs, burst, bursts);
            }
        } catch (IOException e) {
            throw new BenchException("cannot start the OpenAI stand-in or prepare plugins: " + e.getMessage(), e);
        } finally {
            PluginJars.deleteTree(plugins);
        }
    }

    private ScenarioResult measure(ScenarioContext ctx, OpenAiStandIn standIn, int clients, int runs, int burst,
                                   int bursts) throws BenchException, InterruptedException {
        Violations violations = new Violations();
        List<String> notes = new ArrayList<>();
        TokenLog log = new TokenLog();
        LatencyRecorder firstToken = new LatencyRecorder();
        LatencyRecorder relay = new LatencyRecorder();
        double[] rates = new double[bursts];
        long streamed = 0;
        ResourceMeter meter;
        try (ExecRoom room = ExecRoom.open(ctx, name(), clients, log::add)) {
            for (int i = 0; i < 3; i++) {
                run(room, log, standIn, "w" + i, 20, 1_000, violations); // warm-up
            }
            long deadline = System.nanoTime() + ctx.timeLimit().toNanos();
            int done = 0;
            for (; done < runs && System.nanoTime() < deadline; done++) {
                Run r = run(room, log, standIn, "p" + done, PACED_TOKENS, PACED_MICROS, violations);
                firstToken.record(r.firstEverywhere() - r.sentNanos());
                for (List<long[]> arrivals : r.arrivals()) {
                    for (long[] a : arrivals) {
                        relay.record(a[1] - r.written()[(int) a[0]]);
                    }
                }
            }
            if (done < runs) {
                notes.add(timeLimitNote(ctx, done, "paced runs"));
            }
            meter = ResourceMeter.start(ctx);
            for (int b = 0; b < bursts; b++) {
                Run r = run(room, log, standIn, "b" + b, burst, 0, violations);
                rates[b] = r.slowestRate();
                streamed += burst;
            }
            meter.stop();
            room.dropped().forEach(d -> violations.add("client disconnected: " + d));
        }
        Summary rate = Summary.of(rates);
        List<Metric> metrics = new ArrayList<>(List.of(Metric.count("clients", clients),
                Metric.count("paced_runs", firstToken.count()), Metric.count("paced_tokens", PACED_TOKENS)));
        LatencyRecorder.LatencyStats f = firstToken.stats();
        metrics.add(Metric.of("first_token_p50", f.p50Ms(), "ms"));
        metrics.add(Metric.of("first_token_max", f.maxMs(), "ms"));
        LatencyRecorder.LatencyStats l = relay.stats();
        metrics.add(Metric.of("token_relay_p50", l.p50Ms(), "ms"));
        metrics.add(Metric.of("token_relay_p99", l.p99Ms(), "ms"));
        metrics.add(Metric.count("burst_tokens", burst));
        metrics.add(new Metric("tokens_per_s_p50", rate.median(), "1/s", 0));
        metrics.add(new Metric("tokens_per_s_min", rate.min(), "1/s", 0));
        notes.add("first token = execute_diagram sent -> node_progress at every client; relay = stand-in wrote a "
                + "token -> a client received it (" + PACED_TOKENS + " tokens " + PACED_MICROS / 1000 + " ms apart); "
                + "tokens/s = " + burst + " unpaced tokens over first -> last arrival at the slowest client");
        return finish(metrics, meter, Math.max(1, streamed * clients / 1000), "1k_tokens_delivered", violations,
                notes, null);
    }

    /**
     * What one run delivered.
     *
     * @param sentNanos when {@code execute_diagram} was sent
     * @param written   when the stand-in wrote each token
     * @param arrivals  per client, {@code {token index, receive nanos}} in arrival order
     */
    record Run(long sentNanos, long[] written, List<List<long[]>> arrivals) {

        /** When the first token had reached every client. */
        long firstEverywhere() {
            return arrivals.stream().mapToLong(a -> a.isEmpty() ? Long.MAX_VALUE : a.getFirst()[1]).max().orElseThrow();
        }

        /** Tokens per second at the slowest client: its tokens over its first → last arrival. */
        double slowestRate() {
            return arrivals.stream().mapToDouble(a -> a.size() < 2 ? Double.NaN
                    : (a.size() - 1) / ((a.getLast()[1] - a.getFirst()[1]) / 1e9)).min().orElse(Double.NaN);
        }
    }

    private static Run run(ExecRoom room, TokenLog log, OpenAiStandIn standIn, String tag, int tokens, long micros,
                           Violations violations) throws BenchException, InterruptedException {
        ExecRoom.Started s = room.execute(diagram(OpenAiStandIn.prompt(tokens, micros, tag)), null);
        ExecRoom.check(room.await(s.executionId(), RUN_TIMEOUT), NODES, violations);
        room.forget(s.executionId());
        List<List<long[]>> arrivals = log.remove(s.executionId(), room.size());
        for (int c = 0; c < arrivals.size(); c++) {
            TokenLog.check(arrivals.get(c), tokens, "client " + c + ", execution " + s.executionId(), violations);
        }
        long[] written = standIn.written(tag).orElseThrow(() -> new BenchException(
                "the OpenAI stand-in was not called for run " + tag + " (is the response cache off?)"));
        return new Run(s.sendNanos(), written, arrivals);
    }

    /** A start → person_job diagram (DiPeO light) whose person asks the stand-in with {@code prompt}. */
    static String diagram(String prompt) {
        return "{\"version\":\"light\",\"nodes\":[{\"label\":\"Start\",\"type\":\"start\",\"position\":{\"x\":0,\"y\":0}},"
                + "{\"label\":\"Talker\",\"type\":\"person_job\",\"position\":{\"x\":200,\"y\":0},\"person\":\"Bench\","
                + "\"default_prompt\":\"" + prompt + "\",\"max_iteration\":1}],"
                + "\"connections\":[{\"from\":\"Start\",\"to\":\"Talker\"}],"
                + "\"persons\":{\"Bench\":{\"service\":\"openai\",\"model\":\"" + OpenAiStandIn.MODEL + "\"}}}";
    }

    /** A directory with copies of the shipped core-nodes and llm-openai plugin jars. */
    private static Path pluginsDir() throws BenchException, IOException {
        Path shipped = PluginJars.shipped(PluginJars.modulePath()).orElseThrow(() -> new BenchException(
                "llm-stream needs the distribution's plugins/ folder (run it as ./flowcraft bench does)"));
        Path dir = Files.createTempDirectory("flowcraft-bench-llm-");
        for (String jar : List.of("core-nodes.jar", "llm-openai.jar")) {
            if (!Files.isRegularFile(shipped.resolve(jar))) {
                PluginJars.deleteTree(dir);
                throw new BenchException("llm-stream needs " + shipped.resolve(jar));
            }
            Files.copy(shipped.resolve(jar), dir.resolve(jar));
        }
        return dir;
    }
}
