package io.flowcraft.server.ops;

import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.api.spi.TokenUsage;
import io.flowcraft.engine.LlmService;
import io.flowcraft.engine.LogContext;
import io.flowcraft.engine.RunObserver;
import io.flowcraft.server.config.FlowcraftConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OpenTelemetry tracing of runs, sent over OTLP/HTTP by the SDK's batch span processor (the JDK's
 * {@code HttpClient} sends): a {@code flowcraft.run} span per run, a {@code node <type>} child span
 * per node attempt, and a {@code chat <model>} child of the node's span per LLM call, with
 * {@code gen_ai.*} attributes. Attribute names are listed in {@code docs/operations.md}.
 *
 * <p>Open spans are kept by execution id and node id; a run's leftovers are ended when the run
 * ends, and everything still open when the tracer closes. Only {@link RunObservers} creates this
 * class, and only when tracing is on: with tracing off no OpenTelemetry class is loaded.
 * Thread-safe; the observer methods are quick, never block (spans wait in a bounded queue, dropped
 * when it is full) and never throw.
 */
public final class RunTracing implements RunObserver, LlmService.Observer, AutoCloseable {
    /** Most runs traced at once; later runs go untraced until some end (a guard against leaks). */
    static final int MAX_OPEN_RUNS = 10_000;
    /** Longest {@link #close()} waits for the last spans to be sent. */
    private static final long CLOSE_SECONDS = 5;
    /** Longest status description, in characters. */
    private static final int MAX_MESSAGE = 1_000;
    private static final System.Logger LOG = System.getLogger(RunTracing.class.getName());

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final Map<String, RunSpans> runs = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A run's span and the spans of its node attempts now running, by node id. */
    private record RunSpans(Span run, Map<String, Span> nodes) {
    }

    private RunTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get("io.flowcraft.server");
    }

    /**
     * Starts the SDK: an OTLP/HTTP exporter to the configured endpoint with the configured headers,
     * a batch span processor, and a sampler that traces {@code sampleRatio} of the runs (a run's
     * nodes and calls go with it). Neither the SDK nor this class touch the global OpenTelemetry.
     *
     * @param config the tracing settings (enabled)
     * @return the tracer; {@link #close()} it to send the last spans
     */
    static RunTracing start(FlowcraftConfig.Tracing config) {
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.endpoint().toString())
                .setMeterProvider(MeterProvider::noop);
        config.headers().forEach(exporter::addHeader);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build())
                        .setMeterProvider(MeterProvider::noop).build())
                .setMeterProvider(MeterProvider::noop)
                .build();
        URI e = config.endpoint();
        String where = e.getScheme() + "://" + e.getHost() + (e.getPort() < 0 ? "" : ":" + e.getPort()) + e.getPath();
        LOG.log(System.Logger.Level.INFO, "tracing runs to " + where + " as service " + config.serviceName()
                + (config.sampleRatio() < 1 ? " (" + config.sampleRatio() * 100 + " % of runs)" : ""));
        if (!config.headers().isEmpty() && e.getScheme().equalsIgnoreCase("http") && !loopback(e.getHost())) {
            LOG.log(System.Logger.Level.WARNING, "tracing headers " + new java.util.TreeSet<>(config.headers()
                    .keySet()) + " go to " + e.getHost() + " unencrypted (http://); use https:// beyond this machine");
        }
        return new RunTracing(provider);
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    @Override
    public void runStarted(String executionId, String graphId) {
        quietly(() -> {
            if (closed.get() || runs.size() >= MAX_OPEN_RUNS) {
                return;
            }
            Span run = tracer.spanBuilder("flowcraft.run").setNoParent().setSpanKind(SpanKind.INTERNAL)
                    .setAttribute("flowcraft.execution.id", executionId)
                    .setAttribute("flowcraft.graph.id", graphId)
                    .startSpan();
            runs.put(executionId, new RunSpans(run, new ConcurrentHashMap<>()));
        });
    }

    @Override
    public void runEnded(String executionId, String graphId, ExecutionStatus status, long durationMs) {
        quietly(() -> {
            RunSpans spans = runs.remove(executionId);
            if (spans == null) {
                return;
            }
            endNodes(spans, "the run ended first");
            spans.run().setAttribute("flowcraft.run.status", status.wire());
            if (status == ExecutionStatus.FAILED) {
                spans.run().setStatus(StatusCode.ERROR, "the run failed");
            }
            spans.run().end();
        });
    }

    @Override
    public void nodeStarted(String executionId, String nodeId, String type, int iteration) {
        quietly(() -> {
            RunSpans spans = runs.get(executionId);
            if (spans == null) {
                return;
            }
            Span node = tracer.spanBuilder("node " + type).setParent(Context.root().with(spans.run()))
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute("flowcraft.execution.id", executionId)
                    .setAttribute("flowcraft.node.id", nodeId)
                    .setAttribute("flowcraft.node.type", type)
                    .setAttribute("flowcraft.node.iteration", iteration)
                    .startSpan();
            Span earlier = spans.nodes().put(nodeId, node);
            if (earlier != null) {
                earlier.end();
            }
        });
    }

    @Override
    public void nodeEnded(String executionId, String nodeId, String type, long durationNanos,
                          Optional<String> error) {
        quietly(() -> {
            RunSpans spans = runs.get(executionId);
            Span node = spans == null ? null : spans.nodes().remove(nodeId);
            if (node != null) {
                error.ifPresent(message -> node.setStatus(StatusCode.ERROR, cut(message)));
                node.end();
            }
        });
    }

    /**
     * An LLM call ended: its span starts {@code durationNanos} ago, under the span of the node whose
     * thread made the call ({@link LogContext#current()}), else under the run's, else as a trace
     * of its own (a call outside any run, or one reported after its node or run ended).
     */
    @Override
    public void call(String provider, String model, TokenUsage usage, boolean cached, long durationNanos,
                     Optional<String> error) {
        quietly(() -> {
            if (closed.get()) {
                return;
            }
            Instant now = Instant.now();
            long end = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            Optional<LogContext.Ids> ids = LogContext.current();
            SpanBuilder builder = tracer.spanBuilder("chat " + model).setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(end - Math.max(0, durationNanos), TimeUnit.NANOSECONDS)
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.system", provider)
                    .setAttribute("gen_ai.provider.name", provider)
                    .setAttribute("gen_ai.request.model", model)
                    .setAttribute("gen_ai.usage.input_tokens", usage.input())
                    .setAttribute("gen_ai.usage.output_tokens", usage.output())
                    .setAttribute("flowcraft.llm.cached", cached);
            usage.costUsd().ifPresent(cost -> builder.setAttribute("flowcraft.llm.cost_usd", cost));
            Optional<Span> parent = ids.flatMap(this::parent);
            if (parent.isPresent()) {
                builder.setParent(Context.root().with(parent.get()));
            } else {
                builder.setNoParent();
            }
            ids.ifPresent(i -> {
                builder.setAttribute("flowcraft.execution.id", i.executionId());
                i.nodeId().ifPresent(n -> builder.setAttribute("flowcraft.node.id", n));
            });
            Span span = builder.startSpan();
            error.ifPresent(message -> span.setStatus(StatusCode.ERROR, cut(message)));
            span.end(end, TimeUnit.NANOSECONDS);
        });
    }

    private Optional<Span> parent(LogContext.Ids ids) {
        RunSpans spans = runs.get(ids.executionId());
        if (spans == null) {
            return Optional.empty();
        }
        return Optional.of(ids.nodeId().map(spans.nodes()::get).orElse(spans.run()));
    }

    /**
     * Ends the spans still open (runs the engine did not end), sends what is queued, and shuts the
     * SDK down, waiting at most 5 seconds. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (String id : runs.keySet()) {
                RunSpans spans = runs.remove(id);
                if (spans != null) {
                    endNodes(spans, "the server stopped first");
                    spans.run().setAttribute("flowcraft.run.status", "unfinished");
                    spans.run().end();
                }
            }
            if (!provider.shutdown().join(CLOSE_SECONDS, TimeUnit.SECONDS).isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "tracing: the last spans could not be sent to the collector "
                        + "before stopping");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "tracing: stopping failed: " + e.getMessage());
        }
    }

    private static void endNodes(RunSpans spans, String why) {
        for (String nodeId : spans.nodes().keySet()) {
            Span node = spans.nodes().remove(nodeId);
            if (node != null) {
                node.setStatus(StatusCode.ERROR, why);
                node.end();
            }
        }
    }

    /** Runs an observer's work: a tracing failure must never reach the engine or the LLM service. */
    private static void quietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "tracing: " + e);
        }
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
