package io.flowcraft.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the JDK 25 AOT cache that {@code flowcraft serve --aot} starts the server with (see
 * {@link AotCache}): {@code java -p <lib> -m io.flowcraft.bench/io.flowcraft.bench.AotTrainer
 * --output FILE [--plugins-dir DIR] [--config FILE] [--verbose] [-- JVM options of the server…]}.
 * It must run with the module path the server will run with (the cache is tied to it), and be given
 * the server's JVM options after {@code --}. The training server gets a temporary data directory
 * and a copy of the plugins. Exit code 0 when the cache was written, 1 when not (with the reason on
 * stderr), 2 for bad arguments.
 */
public final class AotTrainer {

    private AotTrainer() {
    }

    /**
     * Creates the cache and exits.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /**
     * The parsed arguments.
     *
     * @param output     the cache file to write
     * @param plugins    the plugins directory, if given
     * @param serverArgs arguments for the server ({@code --config FILE})
     * @param jvmOptions the server's JVM options
     * @param verbose    whether to copy the training server's output
     */
    record Args(Path output, Optional<Path> plugins, List<String> serverArgs, List<String> jvmOptions,
                boolean verbose) {

        /**
         * Parses the arguments.
         *
         * @throws IllegalArgumentException with a message for the user
         */
        static Args parse(String... args) {
            Path output = null;
            Optional<Path> plugins = Optional.empty();
            List<String> serverArgs = new ArrayList<>();
            boolean verbose = false;
            int i = 0;
            for (; i < args.length && !args[i].equals("--"); i++) {
                switch (args[i]) {
                    case "--output" -> output = Path.of(value(args, ++i));
                    case "--plugins-dir" -> plugins = Optional.of(Path.of(value(args, ++i)));
                    case "--config" -> serverArgs.addAll(List.of("--config", value(args, ++i)));
                    case "--verbose" -> verbose = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (output == null) {
                throw new IllegalArgumentException("--output FILE is required");
            }
            List<String> jvm = i < args.length ? List.of(args).subList(i + 1, args.length) : List.of();
            return new Args(output, plugins, serverArgs, jvm, verbose);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length || args[i].equals("--")) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    static int run(String[] argv, PrintStream err) {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            err.println("aot: " + e.getMessage());
            err.println("usage: AotTrainer --output FILE [--plugins-dir DIR] [--config FILE] [--verbose]"
                    + " [-- JVM options of the server...]");
            return 2;
        }
        if (args.plugins().isPresent() && !Files.isDirectory(args.plugins().get())) {
            err.println("aot: --plugins-dir " + args.plugins().get() + " is not a directory");
            return 2;
        }
        LaunchSpec spec = new LaunchSpec(args.jvmOptions(), Map.of(), args.plugins(), false, args.serverArgs());
        try (WsClients clients = new WsClients(WsClients.Transport.SOCKET, null, 0)) {
            err.println("aot: training run of the server, then writing " + args.output());
            long seconds = AotCache.create(args.output(), spec, clients, args.verbose() ? err : null).toSeconds();
            err.println("aot: created " + args.output() + " in " + seconds + " s");
            return 0;
        } catch (BenchException e) {
            err.println("aot: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("aot: interrupted");
            return 1;
        }
    }
}
