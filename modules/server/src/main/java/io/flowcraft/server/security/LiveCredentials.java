package io.flowcraft.server.security;

import io.flowcraft.engine.LiveEnvironment;
import io.flowcraft.server.config.FlowcraftConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The static tokens, the signing secret and the metrics token as they are now. Each is named by a
 * variable ({@code FLOWCRAFT_AUTH_TOKENS_<NAME>=role:token}, {@code FLOWCRAFT_AUTH_SECRET},
 * {@code FLOWCRAFT_METRICS_TOKEN}) looked up, as LLM keys are, in the env file
 * ({@code flowcraft.env-file}), then the env directory ({@code flowcraft.env-dir}), then the
 * configuration the server started with (the process environment over YAML). The files are
 * re-read when they change ({@link LiveEnvironment}: a stat per file per look), so a rotated value
 * applies to the next request or connection and the old one is refused from then on.
 *
 * <p>A token given by a file keeps the graphs its name is limited to in YAML. A value a file gives
 * that is not valid (an unknown role, a token under 16 characters or used twice, a secret under
 * 32) is logged by variable name (never its value) and left out: that token, or signed tokens,
 * are refused until it is fixed. Without an env file or directory, the configuration is all there
 * is and nothing is looked up. Thread-safe.
 */
public final class LiveCredentials {
    private static final System.Logger LOG = System.getLogger(LiveCredentials.class.getName());
    /** The variable of the signing secret. */
    public static final String SECRET = "FLOWCRAFT_AUTH_SECRET";
    /** The start of the variables of static tokens. */
    public static final String TOKENS = "FLOWCRAFT_AUTH_TOKENS_";
    /** The variable of the metrics token. */
    public static final String METRICS = "FLOWCRAFT_METRICS_TOKEN";

    private final Optional<LiveEnvironment> files;
    private final Map<String, String> configured = new LinkedHashMap<>();
    private final Map<String, FlowcraftConfig.Security.Token> configuredTokens = new LinkedHashMap<>();
    private final AtomicReference<Cached> last = new AtomicReference<>();

    /** A snapshot and the values it was read from. */
    private record Cached(Map<String, String> values, Snapshot snapshot) {
    }

    /**
     * The credentials at one moment.
     *
     * @param tokens       the static tokens accepted
     * @param secret       the signing secret, if any
     * @param metricsToken the token {@code /metrics} asks for, if any
     * @param problems     what was left out and why, by variable name (never a value)
     */
    public record Snapshot(List<FlowcraftConfig.Security.Token> tokens, Optional<String> secret,
                           Optional<String> metricsToken, List<String> problems) {
        /** Copies the lists. */
        public Snapshot {
            tokens = List.copyOf(tokens);
            problems = List.copyOf(problems);
        }
    }

    private LiveCredentials(FlowcraftConfig.Security config, Optional<Path> envFile, Optional<Path> envDir) {
        config.secret().ifPresent(s -> configured.put(SECRET, s));
        config.metricsToken().ifPresent(t -> configured.put(METRICS, t));
        for (FlowcraftConfig.Security.Token t : config.tokens()) {
            String variable = TOKENS + t.name().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            configured.put(variable, t.role() + ":" + t.token());
            configuredTokens.put(variable, t);
        }
        this.files = envFile.isEmpty() && envDir.isEmpty() ? Optional.empty()
                : Optional.of(new LiveEnvironment(envFile, envDir, name -> Optional.ofNullable(configured.get(name))));
    }

    /**
     * The credentials of a configuration: its security settings under its env file and directory.
     *
     * @param config the configuration
     * @return the credentials
     */
    public static LiveCredentials of(FlowcraftConfig config) {
        return create(config.security(), config.llm().envFile(), config.llm().envDir());
    }

    /**
     * The credentials of security settings under an env file and directory.
     *
     * @param config  the security settings (already validated)
     * @param envFile the env file, if any (need not exist yet)
     * @param envDir  the secrets directory, if any (need not exist yet)
     * @return the credentials
     */
    public static LiveCredentials create(FlowcraftConfig.Security config, Optional<Path> envFile,
                                         Optional<Path> envDir) {
        return new LiveCredentials(config, envFile, envDir);
    }

    /**
     * The credentials now: the same snapshot as last time unless a value changed (then the change
     * and its problems are logged, once).
     *
     * @return the snapshot
     */
    public Snapshot current() {
        Map<String, String> values = values();
        Cached before = last.get();
        if (before != null && before.values().equals(values)) {
            return before.snapshot();
        }
        Cached now = new Cached(Map.copyOf(values), read(values));
        if (last.compareAndSet(before, now)) {
            if (before != null) {
                LOG.log(System.Logger.Level.INFO, "authentication credentials changed: tokens " + now.snapshot().tokens()
                        + ", secret " + (now.snapshot().secret().isPresent() ? "(set)" : "(none)") + "; they apply "
                        + "to the next request and connection (open WebSocket connections keep theirs)");
            }
            now.snapshot().problems().forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
        }
        return now.snapshot();
    }

    /**
     * The credentials now, read afresh and not logged: for checking a configuration at start.
     *
     * @return the snapshot, with its problems
     */
    public Snapshot check() {
        return read(values());
    }

    /** Variable → value, for every credential variable that has one. */
    private Map<String, String> values() {
        if (files.isEmpty()) {
            return configured;
        }
        Set<String> names = new TreeSet<>(configured.keySet());
        names.addAll(files.get().names(TOKENS));
        names.add(SECRET);
        names.add(METRICS);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            files.get().apply(name).filter(v -> !v.isBlank()).ifPresent(v -> out.put(name, v.strip()));
        }
        return out;
    }

    /** Parses and checks the values; a value from a file that is not valid is left out, named in the problems. */
    private Snapshot read(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        List<FlowcraftConfig.Security.Token> tokens = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<String> secret = Optional.ofNullable(values.get(SECRET));
        if (secret.isPresent() && secret.get().length() < 32 && fromFile(SECRET, secret.get())) {
            problems.add(where(SECRET, secret.get()) + " must be at least 32 characters; signed tokens are refused until it is");
            secret = Optional.empty();
        }
        Optional<String> metrics = Optional.ofNullable(values.get(METRICS));
        if (metrics.isPresent() && metrics.get().length() < 16 && fromFile(METRICS, metrics.get())) {
            problems.add(where(METRICS, metrics.get()) + " must be at least 16 characters; /metrics is refused until it is");
            metrics = Optional.of(unguessable());
        }
        values.forEach((variable, value) -> {
            if (!variable.startsWith(TOKENS) || variable.length() == TOKENS.length()) {
                return;
            }
            int colon = value.indexOf(':');
            String role = colon < 0 ? "" : value.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String token = colon < 0 ? "" : value.substring(colon + 1).trim();
            Optional<String> wrong = Role.parse(role).isEmpty() ? Optional.of("needs role:token with a role of viewer, "
                    + "editor or operator") : token.length() < 16 ? Optional.of("needs a token of at least 16 characters")
                    : !seen.add(token) ? Optional.of("has a token that another name has too") : Optional.empty();
            if (wrong.isPresent()) {
                problems.add(where(variable, value) + " " + wrong.get() + "; it is refused until fixed");
                return;
            }
            FlowcraftConfig.Security.Token known = configuredTokens.get(variable);
            tokens.add(new FlowcraftConfig.Security.Token(known != null ? known.name()
                    : variable.substring(TOKENS.length()).toLowerCase(Locale.ROOT), role, token,
                    known != null ? known.graphs() : Optional.empty()));
        });
        return new Snapshot(tokens, secret, metrics, problems);
    }

    /** Whether a value is not the configuration's own (which was checked when it was loaded). */
    private boolean fromFile(String variable, String value) {
        return !value.equals(configured.get(variable));
    }

    private String where(String variable, String value) {
        return variable + (fromFile(variable, value) ? " (from the env file or directory)" : "");
    }

    /** A metrics token nobody has, so that a bad one refuses everyone rather than no one. */
    private static String unguessable() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }
}
