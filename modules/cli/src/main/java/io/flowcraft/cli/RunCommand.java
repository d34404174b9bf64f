package io.flowcraft.cli;

import io.flowcraft.api.Graph;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.engine.Engine;
import io.flowcraft.engine.HostServices;
import io.flowcraft.engine.EngineConfig;
import io.flowcraft.engine.ExecutionRequest;
import io.flowcraft.engine.ExecutionStore;
import io.flowcraft.engine.StartResult;
import io.flowcraft.graph.Json;
import io.flowcraft.plugins.PluginHost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code flowcraft run}: reads the diagram, loads the plugins, runs the diagram in the current
 * directory, prints it as it goes and answers its questions from standard input.
 *
 * <p>Exit status: 0 completed; 1 failed, cancelled or timed out; 2 unreadable or invalid diagram
 * (every problem on standard error, one per line).
 */
final class RunCommand {
    /** Exit status of a run that completed. */
    static final int COMPLETED = 0;
    /** Exit status of a run that failed, was cancelled or timed out. */
    static final int FAILED = 1;
    /** Exit status of a command line or a diagram that is wrong. */
    static final int INVALID = 2;
    private static final String GRAPH_ID = "cli";
    private static final Duration CHILD_GRACE = Duration.ofSeconds(3);

    private final CliIo io;
    private final Json json;
    private final Interrupts interrupts;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Children children = new Children();

    /** Who is told how to cancel the run when the user presses Ctrl-C. */
    @FunctionalInterface
    interface Interrupts {
        /**
         * Registers what cancels the run; it returns once the run has ended, been printed and its
         * plugins and engine are closed (at most a few seconds).
         *
         * @param cancel cancels the run
         */
        void onInterrupt(Runnable cancel);
    }

    RunCommand(CliIo io, Json json, Interrupts interrupts) {
        this.io = io;
        this.json = json;
        this.interrupts = interrupts;
    }

    int run(RunOptions options) {
        try {
            return load(options);
        } finally {
            children.reap(CHILD_GRACE);
            ended.countDown();
        }
    }

    private int load(RunOptions options) {
        Path file = io.workingDir().resolve(options.diagram());
        DiagramFiles.Ok loaded;
        switch (DiagramFiles.load(file)) {
            case DiagramFiles.Bad bad -> {
                bad.problems().forEach(io.err()::println);
                return INVALID;
            }
            case DiagramFiles.Ok ok -> loaded = ok;
        }
        Path pluginsDir = Plugins.dir(options.pluginsDir(), io.workingDir());
        if (!Files.isDirectory(pluginsDir)) {
            io.err().println("the plugins directory " + pluginsDir + " does not exist; name one with --plugins-dir DIR");
            return INVALID;
        }
        try (PluginHost host = Plugins.start(pluginsDir, io.err());
             Engine engine = new Engine(EngineConfig.defaults(io.workingDir()), host::nodeExecutor,
                     ExecutionStore.inMemory(), HostServices.standard(host::llmProviders, io::env))) {
            Plugins.warnUnused(options.diagram(), loaded, host::nodeExecutor, io.err());
            return run(engine, loaded.graph(), options);
        }
    }

    private int run(Engine engine, Graph graph, RunOptions options) {
        BlockingQueue<ExecutionEvent> events = new LinkedBlockingQueue<>();
        Labels labels = new Labels(graph, json);
        Reporter reporter = options.json() ? new JsonLines(io.out(), json)
                : io.terminal() ? new LiveLine(io.out(), labels, io.columns()) : new PlainLines(io.out(), labels);
        ExecutionRequest request = new ExecutionRequest(GRAPH_ID, OptionalLong.empty(), graph, options.inputs(),
                new ExecutionRequest.Options(options.timeout(), OptionalInt.empty(), Optional.of(io.workingDir())));
        engine.events().subscribe(events::add);       // the engine is this command's own: no unsubscribe
        return switch (engine.start(request)) {
            case StartResult.Rejected rejected -> {
                rejected.problems().forEach(p -> io.err().println(options.diagram() + ": " + DiagramFiles.describe(p)));
                yield INVALID;
            }
            case StartResult.Started started -> follow(engine, started.executionId(), events, reporter);
        };
    }

    private int follow(Engine engine, String executionId, BlockingQueue<ExecutionEvent> events, Reporter reporter) {
        interrupts.onInterrupt(() -> {
            engine.cancel(executionId, "interrupted (Ctrl-C)");
            try {
                ended.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Answers answers = new Answers(engine, executionId, io.in(), reporter::answered);
        try {
            while (true) {
                ExecutionEvent event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event == null) {
                    reporter.tick();
                    continue;
                }
                if (!event.executionId().equals(executionId)) {
                    continue;
                }
                reporter.event(event);
                switch (event) {
                    case ExecutionEvent.InteractivePrompt p -> answers.asked(p.nodeId());
                    case ExecutionEvent.NodeCompleted n -> answers.settled(n.nodeId());
                    case ExecutionEvent.NodeFailed n -> answers.settled(n.nodeId());
                    case ExecutionEvent.Terminal t -> {
                        children.note();
                        return Labels.exitCode(t);
                    }
                    default -> {
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.cancel(executionId, "interrupted");
            return FAILED;
        } finally {
            io.out().flush();
        }
    }
}
