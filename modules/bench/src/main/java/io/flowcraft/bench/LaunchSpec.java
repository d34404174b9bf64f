package io.flowcraft.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link ServerLauncher} launches the server.
 *
 * @param jvmOptions every JVM option (before {@code -p}); {@link #serveOptions()} for those of {@code serve}
 * @param env        environment variables to set (over the caller's and {@link ServerLauncher#SERVER_ENV})
 * @param plugins    a directory whose jars become the plugins, or empty for the distribution's
 * @param benchNodes whether the bench-nodes plugin jar is added (see {@link ServerLauncher#benchNodes})
 * @param serverArgs extra server arguments (e.g. {@code --config FILE}); port and directories are the launcher's
 */
record LaunchSpec(List<String> jvmOptions, Map<String, String> env, Optional<Path> plugins, boolean benchNodes,
                  List<String> serverArgs) {

    /** The system property through which the launcher script passes the JVM options of {@code serve}. */
    static final String SERVE_OPTS_PROPERTY = "flowcraft.serve.java-opts";
    /** The JVM options of {@code serve} when neither the property nor {@code FLOWCRAFT_JAVA_OPTS} says otherwise. */
    static final String DEFAULT_SERVE_OPTS = "-XX:+UseSerialGC -Xmx512m";

    /** Canonical constructor: copies the collections. */
    LaunchSpec {
        jvmOptions = List.copyOf(jvmOptions);
        env = Map.copyOf(env);
        serverArgs = List.copyOf(serverArgs);
    }

    /** The server the bench measures: serve's JVM options, the shipped plugins and bench-nodes. */
    static LaunchSpec standard() {
        return new LaunchSpec(serveOptions(), Map.of(), Optional.empty(), true, List.of());
    }

    /** As {@code serve} starts it: its JVM options and the shipped plugins only. */
    static LaunchSpec served() {
        return new LaunchSpec(serveOptions(), Map.of(), Optional.empty(), false, List.of());
    }

    /** Serve's JVM options with the jars of {@code dir} as the only plugins. */
    static LaunchSpec withPlugins(Path dir) {
        return new LaunchSpec(serveOptions(), Map.of(), Optional.of(dir), false, List.of());
    }

    /** This spec with {@code options} added after its JVM options. */
    LaunchSpec withJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(options);
        return new LaunchSpec(all, env, plugins, benchNodes, serverArgs);
    }

    /** This spec with {@code vars} in the server's environment. */
    LaunchSpec withEnv(Map<String, String> vars) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(vars);
        return new LaunchSpec(jvmOptions, all, plugins, benchNodes, serverArgs);
    }

    /**
     * The JVM options {@code serve} runs the server with, so that the figures are those of the
     * served server: {@code $FLOWCRAFT_JAVA_OPTS} when set (even empty), else the launcher's default
     * (system property {@value #SERVE_OPTS_PROPERTY}), else {@value #DEFAULT_SERVE_OPTS}; preceded, on
     * JDK 24+, by {@code --enable-native-access} for sqlite-jdbc as the launcher adds it.
     */
    static List<String> serveOptions() {
        return serveOptions(System.getenv("FLOWCRAFT_JAVA_OPTS"), System.getProperty(SERVE_OPTS_PROPERTY),
                Runtime.version().feature());
    }

    /**
     * The options of {@link #serveOptions()} from explicit inputs.
     *
     * @param env      the value of {@code FLOWCRAFT_JAVA_OPTS}, or {@code null} when unset
     * @param property the launcher's default, or {@code null}
     * @param feature  the JDK's feature version
     */
    static List<String> serveOptions(String env, String property, int feature) {
        String opts = env != null ? env : property != null ? property : DEFAULT_SERVE_OPTS;
        List<String> all = new ArrayList<>();
        if (feature >= 24) {
            all.add("--enable-native-access=org.xerial.sqlitejdbc");
        }
        Arrays.stream(opts.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(all::add);
        return all;
    }
}
