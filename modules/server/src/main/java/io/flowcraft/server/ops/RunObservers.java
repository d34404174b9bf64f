package io.flowcraft.server.ops;

import io.flowcraft.engine.LlmService;
import io.flowcraft.engine.RunObserver;
import io.flowcraft.server.config.FlowcraftConfig;

import java.util.Optional;

/**
 * Who is told what runs and LLM calls do: the metrics always, the tracer when
 * {@code flowcraft.tracing.enabled} is on. With tracing off no OpenTelemetry class is loaded (this
 * class names {@link RunTracing} but uses it only when tracing is on), so start-up pays nothing for
 * it. Thread-safe.
 */
public final class RunObservers implements AutoCloseable {
    private final RunObserver runs;
    private final LlmService.Observer llmCalls;
    private final Optional<RunTracing> tracing;

    private RunObservers(RunObserver runs, LlmService.Observer llmCalls, Optional<RunTracing> tracing) {
        this.runs = runs;
        this.llmCalls = llmCalls;
        this.tracing = tracing;
    }

    /**
     * The observers for a server: {@code metrics}, and a started {@link RunTracing} when the
     * configuration turns tracing on.
     *
     * @param metrics the server's metrics
     * @param tracing the tracing settings
     * @return the observers; {@link #close()} them after the engine
     */
    public static RunObservers start(ServerMetrics metrics, FlowcraftConfig.Tracing tracing) {
        if (!tracing.enabled()) {
            return new RunObservers(metrics, metrics, Optional.empty());
        }
        RunTracing tracer = RunTracing.start(tracing);
        return new RunObservers(RunObserver.all(metrics, tracer), LlmService.Observer.all(metrics, tracer),
                Optional.of(tracer));
    }

    /**
     * What the engine tells about runs and nodes.
     *
     * @return the run observer
     */
    public RunObserver runs() {
        return runs;
    }

    /**
     * What the LLM service tells about calls.
     *
     * @return the call observer
     */
    public LlmService.Observer llmCalls() {
        return llmCalls;
    }

    /**
     * Sends the last spans and stops tracing (waiting at most 5 seconds); nothing when tracing is
     * off. Close after the engine, whose closing ends the runs still going. Idempotent.
     */
    @Override
    public void close() {
        if (tracing.isPresent()) {
            tracing.get().close();
        }
    }
}
