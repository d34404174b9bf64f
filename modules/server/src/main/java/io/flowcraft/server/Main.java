package io.flowcraft.server;

import io.flowcraft.graph.GraphStoreException;
import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;
import io.flowcraft.server.config.FlowcraftConfig;
import io.helidon.logging.common.LogConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code flowcraft serve}: starts the server and runs until SIGTERM or Ctrl-C, then stops cleanly
 * (connections closed, store closed).
 *
 * <p>Flags override every other configuration layer: {@code --port N}, {@code --host H},
 * {@code --data-dir DIR}, {@code --plugins-dir DIR}, {@code --config FILE}.
 */
public final class Main {
    private static final Map<String, String> FLAGS = Map.of(
            "--port", "flowcraft.server.port",
            "--host", "flowcraft.server.host",
            "--data-dir", "flowcraft.data-dir",
            "--plugins-dir", "flowcraft.plugins-dir");

    private Main() {
    }

    /**
     * Starts the server.
     *
     * @param args command-line flags
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> overrides = new LinkedHashMap<>();
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!FLAGS.containsKey(name) && !name.equals("--config")) {
                err.println("flowcraft serve: unknown option '" + arg + "'\n" + usage());
                return 2;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                err.println("flowcraft serve: option " + name + " needs a value\n" + usage());
                return 2;
            }
            if (name.equals("--config")) {
                configFile = Optional.of(Path.of(value));
            } else {
                overrides.put(FLAGS.get(name), value);
            }
        }
        FlowcraftConfig config;
        try {
            config = ConfigLoader.load(configFile, overrides, System.getenv());
            io.flowcraft.server.ops.LogFormats.install(config.observability().logFormat());
        } catch (ConfigException e) {
            err.println("flowcraft: " + e.getMessage());
            return 2;
        }
        FlowcraftServer server;
        try {
            server = FlowcraftServer.start(config);
        } catch (GraphStoreException e) {
            err.println("flowcraft: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("flowcraft: the server could not start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "flowcraft-shutdown"));
        out.println("Flowcraft listening on http://" + displayHost(config.host()) + ":" + server.port()
                + "  (WebSocket: ws://" + displayHost(config.host()) + ":" + server.port() + "/ws, data: "
                + config.dataDir().toAbsolutePath().normalize() + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
    }

    private static String usage() {
        return """
                usage: flowcraft serve [--port N] [--host H] [--data-dir DIR] [--plugins-dir DIR] [--config FILE]
                  --port N           port to listen on (0: any free port)        [flowcraft.server.port]
                  --host H           address to bind                             [flowcraft.server.host]
                  --data-dir DIR     where graphs and history are stored         [flowcraft.data-dir]
                  --plugins-dir DIR  where plugin jars are dropped               [flowcraft.plugins-dir]
                  --config FILE      YAML configuration (default: config/application.yaml)
                Every key can also be set with an environment variable (FLOWCRAFT_SERVER_PORT) or -D.""";
    }
}
