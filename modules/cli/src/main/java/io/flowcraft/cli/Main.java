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
 * file; {@code flowcraft convert DIAGRAM [-o OUT]} writes it as a native Flowcraft graph;
 * {@code --help} after either lists its options. Exit status: 0 completed; 1 failed, cancelled or
 * timed out; 2 bad usage or invalid diagram; 130 interrupted (Ctrl-C).
 */
public final class Main {
    /** Exit status after Ctrl-C. */
    static final int INTERRUPTED = 130;

    static final String USAGE = """
            Usage: flowcraft run DIAGRAM.{json,yaml,yml} [options]

            Runs a diagram (a Flowcraft graph, or a DiPeO light diagram) in the current directory:
            relative file paths of its nodes resolve there. Prints each node as it runs; questions
            of user_response nodes are answered on standard input, one line per answer. Persons
            call the LLM providers of the plugins, set up by the variables their SDKs read:
            OPENAI_API_KEY and OPENAI_BASE_URL (any OpenAI-compatible server), OLLAMA_HOST,
            ANTHROPIC_API_KEY, GEMINI_API_KEY, XAI_API_KEY.

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

    static final String CONVERT_USAGE = """
            Usage: flowcraft convert DIAGRAM.{json,yaml,yml} [-o OUT] [--to json|yaml]

            Writes a diagram (a DiPeO light diagram, or a Flowcraft graph) as a native Flowcraft
            graph document, which flowcraft run and the editor's import read. The diagram is first
            checked against the node types of the plugins directory, as flowcraft run would check
            it; properties nothing uses are warnings on standard error.

            Options:
              -o, --output OUT        write to OUT instead of standard output
                  --to json|yaml      the output syntax (default: YAML when OUT ends in .yaml or
                                      .yml, else JSON)
                  --plugins-dir DIR   the plugins to check against (default as for run)
              -h, --help              show this help

            Exit status: 0 written, 1 OUT cannot be written, 2 bad usage or invalid diagram (every
            problem is listed on standard error).
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
                Path.of("").toAbsolutePath(), env);
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
        String command = args.isEmpty() ? "" : args.getFirst();
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        Json json = Json.create();
        return switch (command) {
            case "run" -> run(rest, io, interrupts, json);
            case "convert" -> convert(rest, io, json);
            case "-h", "--help", "help" -> {
                io.out().print(USAGE + "\n" + CONVERT_USAGE);
                yield RunCommand.COMPLETED;
            }
            default -> {
                if (!command.isEmpty()) {
                    err.println("flowcraft: unknown command '" + command + "'");
                }
                err.print(USAGE + "\n" + CONVERT_USAGE);
                yield RunCommand.INVALID;
            }
        };
    }

    private static int run(List<String> args, CliIo io, RunCommand.Interrupts interrupts, Json json) {
        return switch (RunOptions.parse(args, json)) {
            case RunOptions.Help h -> {
                io.out().print(USAGE);
                yield RunCommand.COMPLETED;
            }
            case RunOptions.Usage u -> usage("run", u.problems(), io.err());
            case RunOptions.Run r -> new RunCommand(io, json, interrupts).run(r.options());
        };
    }

    private static int convert(List<String> args, CliIo io, Json json) {
        return switch (ConvertOptions.parse(args)) {
            case ConvertOptions.Help h -> {
                io.out().print(CONVERT_USAGE);
                yield RunCommand.COMPLETED;
            }
            case ConvertOptions.Usage u -> usage("convert", u.problems(), io.err());
            case ConvertOptions.Convert c -> new ConvertCommand(io, json).run(c.options());
        };
    }

    private static int usage(String command, List<String> problems, PrintStream err) {
        problems.forEach(p -> err.println("flowcraft " + command + ": " + p));
        err.println("Try 'flowcraft " + command + " --help'.");
        return RunCommand.INVALID;
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
