package io.flowcraft.server.ops;

import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.api.spi.TokenUsage;
import io.flowcraft.engine.LlmService;
import io.flowcraft.engine.RunObserver;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The server's meters, in one registry per server (served at {@code /metrics} in Prometheus
 * format): WebSocket connections; syncs and patches accepted and refused; actions run and failed;
 * executions by status; node executions by type (a duration histogram and an error count); LLM
 * calls, tokens in and out and cache hits by provider and model; plugin load failures; refusals by
 * limit. Meter names are documented in {@code docs/operations.md}.
 *
 * <p>Label values that come from users (models, node types, action ids) are capped at
 * {@value #MAX_LABEL_VALUES} distinct values per label; later ones are counted as {@code other},
 * so a diagram cannot blow up the number of series. Thread-safe; every method is quick and
 * never throws.
 */
public final class ServerMetrics implements RunObserver, LlmService.Observer {
    /** Most distinct values one user-controlled label takes before {@code other}. */
    static final int MAX_LABEL_VALUES = 100;
    private static final System.Logger LOG = System.getLogger(ServerMetrics.class.getName());
    private static final Duration[] NODE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final AtomicLong activeRuns = new AtomicLong();
    // Micrometer holds a gauge's state object weakly: the gauges read this object, which the
    // server holds for as long as it runs (a lambda alone would be collected and read as 0)
    private final Supplier<Integer> connections;
    private final Supplier<Integer> pluginFailures;
    private final Map<String, Set<String>> labelValues = new ConcurrentHashMap<>();

    /**
     * Creates the meters in {@code registry}.
     *
     * @param registry    this server's registry
     * @param connections the number of open WebSocket connections, read at each scrape
     * @param pluginFailures the number of plugin jars that failed to load, read at each scrape
     */
    public ServerMetrics(MeterRegistry registry, Supplier<Integer> connections, Supplier<Integer> pluginFailures) {
        this.registry = registry;
        this.connections = connections;
        this.pluginFailures = pluginFailures;
        registry.getOrCreate(Gauge.builder("flowcraft.websocket.connections", this, m -> m.connections.get())
                .description("Open WebSocket connections"));
        registry.getOrCreate(Gauge.builder("flowcraft.executions.active", this, m -> m.activeRuns.get())
                .description("Runs going now (running or paused)"));
        registry.getOrCreate(Gauge.builder("flowcraft.plugins.load.failures", this, m -> m.pluginFailures.get())
                .description("Plugin jars in the plugins directory that failed to load"));
    }

    /**
     * Removes this server's meters from the registry. Helidon's registries share meters within a
     * JVM, so a server started after this one (tests, embedding) starts from zero with gauges that
     * read its own state.
     */
    public void close() {
        try {
            registry.meters(m -> m.id().name().startsWith("flowcraft.")).forEach(registry::remove);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "metrics: " + e);
        }
    }

    /**
     * Runs going now.
     *
     * @return the number of runs started and not ended
     */
    public int activeRuns() {
        return (int) activeRuns.get();
    }

    /**
     * The registry the meters live in.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * A change was offered to the store.
     *
     * @param kind   {@code sync}, {@code patch}, {@code rollback} or {@code action}
     * @param result {@code accepted}, {@code version_mismatch}, {@code conflict}, {@code invalid_graph},
     *               {@code graph_too_large} or {@code unknown_version}
     */
    public void change(String kind, String result) {
        counter("flowcraft.graph.changes", "Changes offered to graphs, by kind (sync, patch, rollback, action) "
                + "and result", "kind", kind, "result", result).increment();
        if (kind.equals("action") && result.equals("accepted")) {
            counter("flowcraft.actions", "Graph actions run, by result (ok, failed)", "result", "ok").increment();
        }
    }

    /**
     * An error message went to a client: a refusal by a limit, by authentication, or bad input.
     *
     * @param code the error code
     */
    public void errorSent(io.flowcraft.api.protocol.ErrorCode code) {
        counter("flowcraft.websocket.errors", "Error messages sent to WebSocket clients, by code",
                "code", code.wire()).increment();
        if (code == io.flowcraft.api.protocol.ErrorCode.ACTION_FAILED) {
            counter("flowcraft.actions", "Graph actions run, by result (ok, failed)", "result", "failed").increment();
        }
    }

    /**
     * A request was refused by a limit or by authentication.
     *
     * @param limit what refused it ({@code rate}, {@code connections}, {@code executions},
     *              {@code message_size}, {@code unauthorized}, …)
     */
    public void refused(String limit) {
        counter("flowcraft.refusals", "Requests refused by a limit or by authentication",
                "limit", capped("limit", limit)).increment();
    }

    @Override
    public void runStarted(String executionId, String graphId) {
        activeRuns.incrementAndGet();
    }

    @Override
    public void runEnded(String executionId, String graphId, ExecutionStatus status, long durationMs) {
        activeRuns.decrementAndGet();
        counter("flowcraft.executions", "Runs ended, by status", "status", status.wire()).increment();
    }

    @Override
    public void nodeEnded(String executionId, String nodeId, String type, long durationNanos, Optional<String> error) {
        try {
            String t = capped("type", type);
            registry.getOrCreate(Timer.builder("flowcraft.node.executions")
                            .description("Node executions by type: how long each attempt took")
                            .buckets(NODE_BUCKETS)
                            .tags(List.of(Tag.create("type", t))))
                    .record(durationNanos, TimeUnit.NANOSECONDS);
            if (error.isPresent()) {
                counter("flowcraft.node.errors", "Node attempts that failed, by type", "type", t).increment();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "metrics: " + e);
        }
    }

    @Override
    public void call(String provider, String model, TokenUsage usage, boolean cached, long durationNanos,
                     Optional<String> error) {
        String m = capped("model", model);
        String result = cached ? "cached" : error.isPresent() ? "failed" : "ok";
        counter("flowcraft.llm.calls", "LLM calls, by provider, model and result (ok, failed, cached)",
                "provider", provider, "model", m, "result", result).increment();
        if (cached) {
            counter("flowcraft.llm.cache.hits", "LLM calls answered by the response cache",
                    "provider", provider, "model", m).increment();
        }
        if (usage.input() > 0) {
            counter("flowcraft.llm.tokens", "LLM tokens, by provider, model and direction (in: prompt, out: completion)",
                    "provider", provider, "model", m, "direction", "in").increment(usage.input());
        }
        if (usage.output() > 0) {
            counter("flowcraft.llm.tokens", "LLM tokens, by provider, model and direction (in: prompt, out: completion)",
                    "provider", provider, "model", m, "direction", "out").increment(usage.output());
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return registry.getOrCreate(Counter.builder(name).description(description).tags(tags(tags)));
    }

    private static List<Tag> tags(String... kv) {
        Tag[] out = new Tag[kv.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Tag.create(kv[2 * i], kv[2 * i + 1]);
        }
        return List.of(out);
    }

    /** A user-controlled label value, or {@code other} once the label has taken too many values. */
    private String capped(String label, String value) {
        String v = value == null || value.isBlank() ? "unknown" : value.toLowerCase(Locale.ROOT);
        Set<String> seen = labelValues.computeIfAbsent(label, l -> ConcurrentHashMap.newKeySet());
        if (seen.contains(v)) {
            return v;
        }
        if (seen.size() >= MAX_LABEL_VALUES) {
            return "other";
        }
        seen.add(v);
        return v;
    }
}
