package io.flowcraft.cli;

import io.flowcraft.graph.Json;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code flowcraft} command line. {@code flowcraft run DIAGRAM [options]} runs a diagram
 * file; {@code flowcraft run --help} lists the options. Exit status: 0 completed; 1 failed,
 * cancelled or timed out; 2 bad usage or invalid diagram; 130 interrupted (Ctrl-C).
 */
public final class Main {
    /** Exit status after Ctrl-C. */
    static final int INTERRUPTED = 130;

    static final String USAGE = """
            Usage: flowcraft run DIAGRAM.{json,yaml,yml} [options]

            Runs a diagram (a Flowcraft graph, or a DiPeO light diagram) in the current directory:
            relative file paths of its nodes resolve there. Prints each node as it runs; questions
            of user_response nodes are answered on standard input, one line per answer.

            Options:
              -i, --input KEY=VALUE   a run input (repeatable); VALUE is read as JSON when it is
                                      valid JSON (42, true, {"a":1}, "text"), else taken as text
              -t, --timeout DURATION  stop the run after 500ms, 30s, 5m, 1h or a number of seconds
                  --plugins-dir DIR   where the node plugins are (default: the distribution's
                                      plugins/, else ./data/plugins)
                  --json              print every event as one JSON message per line, nothing else
              -h, --help              show this help

            Exit status: 0 completed, 1 failed, cancelled or timed out, 2 bad usage or invalid
            diagram (every problem is listed on standard error), 130 interrupted with Ctrl-C.
            """;

    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its arguments, such as {@code run diagram.yaml --json}
     */
    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        Map<String, String> env = System.getenv();
        CliIo io = new CliIo(System.in, System.out, System.err, isTerminal(env), columns(env),
                Path.of("").toAbsolutePath());
        AtomicBoolean finished = new AtomicBoolean();
        RunCommand.Interrupts onCtrlC = cancel -> Runtime.getRuntime().addShutdownHook(
                Thread.ofPlatform().name("flowcraft-interrupt").unstarted(() -> {
                    if (!finished.get()) {
                        cancel.run();
                        System.out.flush();
                        System.err.flush();
                        Runtime.getRuntime().halt(INTERRUPTED);
                    }
                }));
        int status = run(Arrays.asList(args), io, onCtrlC);
        finished.set(true);
        System.exit(status);
    }

    /**
     * Runs a command with the given streams.
     *
     * @param args       the command and its arguments
     * @param io         where to read and write
     * @param interrupts told how to cancel a run on Ctrl-C
     * @return the exit status
     */
    static int run(List<String> args, CliIo io, RunCommand.Interrupts interrupts) {
        PrintStream err = io.err();
        if (args.isEmpty()) {
            err.print(USAGE);
            return RunCommand.INVALID;
        }
        if (args.getFirst().equals("-h") || args.getFirst().equals("--help") || args.getFirst().equals("help")) {
            io.out().print(USAGE);
            return RunCommand.COMPLETED;
        }
        if (!args.getFirst().equals("run")) {
            err.println("flowcraft: unknown command '" + args.getFirst() + "'");
            err.print(USAGE);
            return RunCommand.INVALID;
        }
        Json json = Json.create();
        return switch (RunOptions.parse(args.subList(1, args.size()), json)) {
            case RunOptions.Help h -> {
                io.out().print(USAGE);
                yield RunCommand.COMPLETED;
            }
            case RunOptions.Usage u -> {
                u.problems().forEach(p -> err.println("flowcraft run: " + p));
                err.println("Try 'flowcraft run --help'.");
                yield RunCommand.INVALID;
            }
            case RunOptions.Run r -> new RunCommand(io, json, interrupts).run(r.options());
        };
    }

    /** Whether standard output is an interactive terminal that can redraw a line. */
    private static boolean isTerminal(Map<String, String> env) {
        Console console = System.console();
        if (console == null || "dumb".equals(env.get("TERM")) || env.get("TERM") == null) {
            return false;
        }
        try {
            // Java 22+: a Console exists even when the streams are redirected; ask it
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;
        }
    }

    private static int columns(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "80").strip());
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
