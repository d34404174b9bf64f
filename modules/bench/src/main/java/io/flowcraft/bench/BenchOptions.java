package io.flowcraft.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bench's command-line arguments (see {@link #USAGE}). Counts left at 0 mean "the scenario's
 * default" (a smaller one with {@code --quick}).
 *
 * @param url          the server to measure, or {@code null} to launch the Flowcraft server
 * @param pid          the process id of the server at {@code url} (0: unknown)
 * @param scenarios    the scenarios to run, in order (empty: all)
 * @param quick        small counts for a smoke run
 * @param json         also print the results as JSON lines
 * @param readers      readers per graph, clients per join-100 burst (0: default)
 * @param edits        edits in {@code sync-1w}, {@code patch-edit}, {@code snapshot-10hz} (0: default)
 * @param rounds       accepted versions in {@code sync-10w}, rounds in {@code patch-contention} (0: default)
 * @param nodes        nodes (and edges) of the generated graph (0: default)
 * @param timeLimit    the measuring loop's wall-time limit per scenario, in seconds
 * @param fragmentKb   split sent messages larger than this many KiB into fragments of this size (0: one frame)
 * @param token        a bearer token to send, or {@code null}
 * @param client       the WebSocket client implementation
 * @param allowRemote  whether a non-loopback {@code --url} is allowed
 * @param verbose      copy the launched server's output to stderr
 * @param help         print usage and exit
 */
record BenchOptions(URI url, long pid, List<String> scenarios, boolean quick, boolean json, int readers,
                    int edits, int rounds, int nodes, int timeLimit, int fragmentKb, String token,
                    WsClients.Transport client, boolean allowRemote, boolean verbose, boolean help) {

    /** The usage text printed by {@code --help} and on argument errors. */
    static final String USAGE = """
            Usage: flowcraft bench [options]
              Measures a server speaking the Flowcraft WebSocket protocol and prints a table.

              --url ws://HOST:PORT/ws  measure this running server (any implementation); graph ids are
                                       appended as ?graph=ID. Without --url, the Flowcraft server is
                                       launched from the module path on a free port with a temp data dir.
              --pid N                  with --url: the server's process id, to report its CPU and RSS
              --scenarios a,b,...      scenarios to run (default: all): %s
              --quick                  small counts, for a smoke run
              --json                   also print every result as a JSON line
              --readers N              reader clients per graph (default 100, quick 10; patch-contention 10,
                                       quick 5); join-100 and reconnect-storm: clients per burst (default
                                       100, quick 20); llm-stream: watching clients (default 10, quick 3)
              --edits N                edits in sync-1w (default 200, quick 20), patch-edit (1000, quick 50)
                                       and snapshot-10hz (100 at 10/s, quick 20); reconnect-storm: edits
                                       while the clients are away (default 10, quick 5)
              --rounds N               sync-10w accepted versions (default 100, quick 20);
                                       patch-contention rounds (default 30, quick 5); llm-stream paced
                                       runs (default 20, quick 3)
              --nodes N                nodes and edges in the graph (default 1000; load-5000 always 5000)
              --time-limit S           wall-time limit of each scenario's measuring loop (default 30, max 60)
              --fragment-kb K          send messages over K KiB in fragments of K KiB (default 64; 0: one
                                       frame, which Helidon unmasks byte by byte: slow for large frames)
              --token T                send Authorization: Bearer T
              --client socket|jdk      WebSocket client: the bench's own RFC 6455 client (default) or
                                       java.net.http.WebSocket (fails intermittently on JDK 25 when a
                                       frame follows the handshake response at once)
              --allow-remote           allow a --url that is not a loopback address
              --verbose                copy the launched server's output to stderr
              --help                   print this text
            Figures with a goal show it in the TARGET column (pass/FAIL); goals never change the exit code.
            Exit codes: 0 ok, 1 a scenario failed or broke a protocol invariant, 2 bad arguments,
            3 the server could not be started or reached.""";

    /** The default of {@code --fragment-kb}. */
    static final int DEFAULT_FRAGMENT_KB = 64;

    /** Canonical constructor: copies the list. */
    BenchOptions {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * Parses arguments ({@code --name value} or {@code --name=value}).
     *
     * @throws IllegalArgumentException with a message for the user when an argument is wrong
     */
    static BenchOptions parse(String... args) {
        URI url = null;
        long pid = 0;
        List<String> scenarios = new ArrayList<>();
        boolean quick = false, json = false, allowRemote = false, verbose = false, help = false;
        int readers = 0, edits = 0, rounds = 0, nodes = 0, timeLimit = 30, fragmentKb = DEFAULT_FRAGMENT_KB;
        String token = null;
        WsClients.Transport client = WsClients.Transport.SOCKET;
        List<String> list = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                list.add(arg.substring(0, eq));
                list.add(arg.substring(eq + 1));
            } else {
                list.add(arg);
            }
        }
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--json" -> json = true;
                case "--allow-remote" -> allowRemote = true;
                case "--verbose" -> verbose = true;
                case "--help", "-h" -> help = true;
                case "--url" -> url = wsUri(value(list, ++i, arg));
                case "--pid" -> pid = number(list, ++i, arg, 1, Long.MAX_VALUE);
                case "--scenarios" -> scenarios.addAll(Arrays.stream(value(list, ++i, arg).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "--readers" -> readers = (int) number(list, ++i, arg, 1, 2000);
                case "--edits" -> edits = (int) number(list, ++i, arg, 1, 1_000_000);
                case "--rounds" -> rounds = (int) number(list, ++i, arg, 1, 1_000_000);
                case "--nodes" -> nodes = (int) number(list, ++i, arg, 1, 100_000);
                case "--time-limit" -> timeLimit = (int) number(list, ++i, arg, 1, 60);
                case "--fragment-kb" -> fragmentKb = (int) number(list, ++i, arg, 0, 16_384);
                case "--token" -> token = value(list, ++i, arg);
                case "--client" -> client = switch (value(list, ++i, arg)) {
                    case "socket" -> WsClients.Transport.SOCKET;
                    case "jdk" -> WsClients.Transport.JDK;
                    default -> throw new IllegalArgumentException("--client must be socket or jdk");
                };
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (pid != 0 && url == null) {
            throw new IllegalArgumentException("--pid only goes with --url (a launched server is measured anyway)");
        }
        if (url != null && !allowRemote && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("--url " + url + " is not a loopback address; add --allow-remote "
                    + "to measure a remote server");
        }
        return new BenchOptions(url, pid, scenarios, quick, json, readers, edits, rounds, nodes, timeLimit,
                fragmentKb, token, client, allowRemote, verbose, help);
    }

    /** {@code override} when set, else the quick or normal default. */
    int pick(int override, int normal, int quickDefault) {
        return override > 0 ? override : quick ? quickDefault : normal;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i);
    }

    private static long number(List<String> args, int i, String name, long min, long max) {
        String v = value(args, i, name);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number: " + v);
        }
    }

    private static URI wsUri(String text) {
        try {
            URI uri = new URI(text);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--url needs ws://HOST:PORT/PATH or wss://...: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a valid URI: " + text);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The WebSocket URI of graph {@code graphId} on server endpoint {@code base}. */
    static URI graphUri(URI base, String graphId) {
        return withParameter(base, "graph=" + graphId);
    }

    /** {@code uri} with the query parameter {@code nameAndValue} ({@code name=value}, already encoded) appended. */
    static URI withParameter(URI uri, String nameAndValue) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + nameAndValue);
    }
}
