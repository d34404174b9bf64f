package io.flowcraft.server.config;

import io.flowcraft.engine.LlmSettings;
import io.flowcraft.engine.PriceTable;
import io.flowcraft.server.security.LiveCredentials;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import io.helidon.config.yaml.YamlConfigParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Loads the configuration in layers, highest priority first: command-line flags, environment
 * variables ({@code FLOWCRAFT_SERVER_PORT} for {@code flowcraft.server.port}: upper case, dots and
 * dashes as underscores), Java system properties ({@code -Dflowcraft.server.port=9090}), the YAML
 * file, and the defaults in the jar ({@code flowcraft-defaults.yaml}).
 *
 * <p>Every value is validated; all bad keys are reported together in a {@link ConfigException}.
 * Stateless; thread-safe.
 */
public final class ConfigLoader {
    /** Every key the server reads, for environment mapping and for spotting typos. */
    public static final List<String> KEYS = List.of(
            "flowcraft.server.host", "flowcraft.server.port", "flowcraft.data-dir", "flowcraft.plugins-dir",
            "flowcraft.websocket.max-message-bytes", "flowcraft.websocket.max-frame-bytes",
            "flowcraft.websocket.allowed-origins", "flowcraft.websocket.outbound-queue-messages",
            "flowcraft.websocket.outbound-queue-bytes", "flowcraft.graph.max-nodes", "flowcraft.graph.max-edges",
            "flowcraft.history.max-versions", "flowcraft.history.max-age", "flowcraft.store.fsync",
            "flowcraft.plugins.call-timeout", "flowcraft.plugins.watch", "flowcraft.execution.files-dir",
            "flowcraft.execution.max-concurrency", "flowcraft.execution.node-timeout",
            "flowcraft.execution.default-max-iteration", "flowcraft.llm.timeout", "flowcraft.llm.cache.enabled",
            "flowcraft.llm.cache.ttl", "flowcraft.llm.cache.max-entries", "flowcraft.env-file", "flowcraft.env-dir",
            "flowcraft.auth.enabled", "flowcraft.auth.secret", "flowcraft.auth.public-health", "flowcraft.metrics.token",
            "flowcraft.limits.messages-per-second", "flowcraft.limits.burst", "flowcraft.limits.refusals-before-close",
            "flowcraft.limits.connections", "flowcraft.limits.connections-per-address",
            "flowcraft.limits.executions-per-graph", "flowcraft.limits.executions", "flowcraft.metrics.enabled", "flowcraft.log.format",
            "flowcraft.tracing.enabled", "flowcraft.tracing.endpoint", "flowcraft.tracing.service-name",
            "flowcraft.tracing.sample-ratio");

    /** Sections whose keys are names chosen by the operator (key ids, provider ids, secret names). */
    private static final List<String> OPEN_SECTIONS = List.of("flowcraft.llm.keys", "flowcraft.llm.providers",
            "flowcraft.llm.prices", "flowcraft.secrets", "flowcraft.auth.tokens", "flowcraft.tracing.headers");

    /** Environment variables {@code FLOWCRAFT_AUTH_TOKENS_<NAME>=role:token} define static tokens. */
    private static final String TOKEN_VARIABLES = "FLOWCRAFT_AUTH_TOKENS_";

    private ConfigLoader() {
    }

    /**
     * Loads and validates the configuration.
     *
     * @param configFile the YAML file; when empty, {@code config/application.yaml} in the working
     *                   directory is used if it exists
     * @param overrides  values from command-line flags, by key
     * @param env        the environment (normally {@link System#getenv()})
     * @return the configuration
     * @throws ConfigException naming every bad key, or a missing explicit config file
     */
    public static FlowcraftConfig load(Optional<Path> configFile, Map<String, String> overrides,
                                       Map<String, String> env) {
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.create(overrides, "command line"));
        sources.add(ConfigSources.create(fromEnvironment(env), "environment variables"));
        sources.add(ConfigSources.systemProperties());
        Path file = configFile.orElse(Path.of("config", "application.yaml"));
        if (configFile.isPresent() && !Files.isRegularFile(file)) {
            throw new ConfigException(List.of("config file " + file.toAbsolutePath() + " does not exist"));
        }
        if (Files.isRegularFile(file)) {
            sources.add(ConfigSources.file(file));
        }
        sources.add(ConfigSources.classpath("flowcraft-defaults.yaml"));
        Config config;
        try {
            // the sources, the YAML parser and the built-in mappers are all this needs: looking for
            // parser, filter and mapper services on the module path only slows the start
            config = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .disableParserServices()
                    .addParser(YamlConfigParser.create())
                    .disableFilterServices()
                    .disableMapperServices()
                    .sources(sources)
                    .build();
            config.get("flowcraft").traverse().count();
        } catch (RuntimeException e) {
            throw new ConfigException(List.of("cannot read " + file + ": " + where(e)));
        }
        Map<String, String> direct = new LinkedHashMap<>(fromEnvironment(env));
        direct.putAll(overrides);
        return read(config, direct, env);
    }

    /**
     * Where a file failed to parse, without quoting it: a YAML parser's message shows the offending
     * line, which may hold a key or token.
     */
    private static String where(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)")
                    .matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return "not valid YAML at line " + m.group(1) + ", column " + m.group(2);
            }
        }
        return "not valid YAML (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * Maps environment variables named after known keys to those keys.
     *
     * @param env the environment
     * @return key → value for the variables that are set
     */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = env.get(envName(key));
            if (value != null) {
                out.put(key, value);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(TOKEN_VARIABLES) && name.length() > TOKEN_VARIABLES.length()) {
                out.put("flowcraft.auth.tokens." + name.substring(TOKEN_VARIABLES.length())
                        .toLowerCase(java.util.Locale.ROOT), value);
            }
        });
        return out;
    }

    /**
     * The environment variable that overrides a key.
     *
     * @param key a configuration key
     * @return for example {@code FLOWCRAFT_SERVER_PORT}
     */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static FlowcraftConfig read(Config root, Map<String, String> direct, Map<String, String> env) {
        Values v = new Values(root, direct);
        String host = v.string("flowcraft.server.host");
        int port = v.integer("flowcraft.server.port", 0, 65535);
        Path dataDir = v.path("flowcraft.data-dir");
        Path pluginsDir = v.path("flowcraft.plugins-dir");
        int maxMessage = v.integer("flowcraft.websocket.max-message-bytes", 1024, Integer.MAX_VALUE);
        int maxFrame = v.integer("flowcraft.websocket.max-frame-bytes", 1024, Integer.MAX_VALUE);
        List<String> origins = v.list("flowcraft.websocket.allowed-origins");
        int queueMessages = v.integer("flowcraft.websocket.outbound-queue-messages", 1, 1_000_000);
        long queueBytes = v.integer("flowcraft.websocket.outbound-queue-bytes", 65_536, Integer.MAX_VALUE);
        int maxNodes = v.integer("flowcraft.graph.max-nodes", 1, 10_000_000);
        int maxEdges = v.integer("flowcraft.graph.max-edges", 0, 10_000_000);
        int historyVersions = v.integer("flowcraft.history.max-versions", 1, Integer.MAX_VALUE);
        Duration historyAge = v.duration("flowcraft.history.max-age");
        boolean fsync = v.bool("flowcraft.store.fsync");
        Duration callTimeout = v.duration("flowcraft.plugins.call-timeout");
        if (callTimeout.isZero()) {
            v.problems.add("flowcraft.plugins.call-timeout: must be a positive duration such as 10s");
        }
        boolean watch = v.bool("flowcraft.plugins.watch");
        Path filesDir = v.path("flowcraft.execution.files-dir");
        int maxConcurrency = v.integer("flowcraft.execution.max-concurrency", 1, 100_000);
        Duration nodeTimeout = v.duration("flowcraft.execution.node-timeout");
        if (nodeTimeout.isZero()) {
            v.problems.add("flowcraft.execution.node-timeout: must be a positive duration such as 5m");
        }
        int maxIteration = v.integer("flowcraft.execution.default-max-iteration", 1, 1_000_000);
        FlowcraftConfig.Llm llm = llm(v);
        FlowcraftConfig.Security security = security(v, llm);
        FlowcraftConfig.Observability observability = observability(v, env);
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                v.problems.add("flowcraft.websocket.allowed-origins: '" + origin
                        + "' is not an origin; write scheme://host[:port], e.g. http://localhost:5173");
            }
        }
        v.warnUnknown();
        if (!v.problems.isEmpty()) {
            throw new ConfigException(v.problems);
        }
        return new FlowcraftConfig(host, port, dataDir, pluginsDir,
                new FlowcraftConfig.WebSocket(maxMessage, maxFrame, origins, queueMessages, queueBytes),
                maxNodes, maxEdges, historyVersions, historyAge, fsync, callTimeout, watch,
                new FlowcraftConfig.Execution(filesDir, maxConcurrency, nodeTimeout, maxIteration), llm, security,
                observability);
    }

    /**
     * {@code flowcraft.auth.*}, {@code flowcraft.limits.*} and {@code flowcraft.metrics.token}; the
     * tokens and secret as the env file and directory have them now are checked too.
     */
    private static FlowcraftConfig.Security security(Values v, FlowcraftConfig.Llm llm) {
        boolean enabled = v.bool("flowcraft.auth.enabled");
        Optional<String> secret = v.optional("flowcraft.auth.secret");
        if (secret.isPresent() && secret.get().length() < 32) {
            v.problems.add("flowcraft.auth.secret: must be at least 32 characters (random ones: ./flowcraft token "
                    + "--new-secret), got " + secret.get().length());
        }
        List<FlowcraftConfig.Security.Token> tokens = tokens(v);
        Optional<String> metricsToken = v.optional("flowcraft.metrics.token");
        LiveCredentials.Snapshot live = LiveCredentials.create(new FlowcraftConfig.Security(enabled, tokens, secret,
                true, metricsToken, FlowcraftConfig.Security.Limits.defaults()), llm.envFile(), llm.envDir()).check();
        v.problems.addAll(live.problems());
        if (enabled && live.tokens().isEmpty() && live.secret().isEmpty()) {
            v.problems.add("flowcraft.auth.enabled: is true, but no token (flowcraft.auth.tokens, "
                    + TOKEN_VARIABLES + "<NAME>) and no secret (flowcraft.auth.secret, FLOWCRAFT_AUTH_SECRET) is "
                    + "configured (nor in the env file or directory), so nobody could connect");
        }
        if (metricsToken.isPresent() && metricsToken.get().length() < 16) {
            v.problems.add("flowcraft.metrics.token: must be at least 16 characters");
        }
        FlowcraftConfig.Security.Limits limits = new FlowcraftConfig.Security.Limits(
                v.integer("flowcraft.limits.messages-per-second", 1, 1_000_000),
                v.integer("flowcraft.limits.burst", 1, 10_000_000),
                v.integer("flowcraft.limits.refusals-before-close", 1, Integer.MAX_VALUE),
                v.integer("flowcraft.limits.connections", 1, 10_000_000),
                v.integer("flowcraft.limits.connections-per-address", 0, 10_000_000),
                v.integer("flowcraft.limits.executions-per-graph", 1, 1_000_000),
                v.integer("flowcraft.limits.executions", 1, 1_000_000));
        return new FlowcraftConfig.Security(enabled, tokens, secret, v.bool("flowcraft.auth.public-health"),
                metricsToken, limits);
    }

    /** {@code flowcraft.auth.tokens.<name>}: {@code role:token}, or {@code {role, token, graphs?}}. */
    private static List<FlowcraftConfig.Security.Token> tokens(Values v) {
        List<FlowcraftConfig.Security.Token> out = new ArrayList<>();
        Config section = v.root.get("flowcraft.auth.tokens");
        if (section.exists() && !section.isObject()) {
            v.problems.add("flowcraft.auth.tokens: must map names to tokens, e.g. ann: {role: editor, token: ...}");
            return out;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Config t : section.asNodeList().orElse(List.of())) {
            String where = "flowcraft.auth.tokens." + t.name();
            String role;
            String token;
            Optional<List<String>> graphs = Optional.empty();
            if (t.isLeaf()) {
                String value = t.asString().orElse("");
                int colon = value.indexOf(':');
                role = colon < 0 ? "" : value.substring(0, colon).trim();
                token = colon < 0 ? "" : value.substring(colon + 1).trim();
            } else {
                role = t.get("role").asString().orElse("").trim();
                token = t.get("token").asString().orElse("").trim();
                if (t.get("graphs").exists()) {
                    graphs = Optional.of(t.get("graphs").asList(String.class).orElse(List.of()));
                }
            }
            if (io.flowcraft.server.security.Role.parse(role).isEmpty()) {
                v.problems.add(where + ": needs a role of viewer, editor or operator (role:token in "
                        + TOKEN_VARIABLES + t.name().toUpperCase(java.util.Locale.ROOT) + "), got '" + role + "'");
            } else if (token.length() < 16) {
                v.problems.add(where + ": the token must be at least 16 characters (random ones: ./flowcraft token "
                        + "--new-secret)");
            } else if (!seen.add(token)) {
                v.problems.add(where + ": the same token is configured under another name");
            } else {
                out.add(new FlowcraftConfig.Security.Token(t.name(), role.toLowerCase(java.util.Locale.ROOT), token,
                        graphs));
            }
        }
        return out;
    }

    /** {@code flowcraft.metrics.*}, {@code flowcraft.log.*} and {@code flowcraft.tracing.*}. */
    private static FlowcraftConfig.Observability observability(Values v, Map<String, String> env) {
        boolean metrics = v.bool("flowcraft.metrics.enabled");
        String name = v.string("flowcraft.log.format");
        Optional<io.flowcraft.server.ops.LogFormats.Format> format = io.flowcraft.server.ops.LogFormats.Format.of(name);
        if (format.isEmpty()) {
            v.problems.add("flowcraft.log.format: must be text or json, got '" + name + "'");
        }
        FlowcraftConfig.Tracing tracing = TracingSettings.resolve(v.bool("flowcraft.tracing.enabled"),
                v.optional("flowcraft.tracing.endpoint"), v.optional("flowcraft.tracing.service-name"),
                v.optional("flowcraft.tracing.sample-ratio"), v.scalars("flowcraft.tracing.headers"), env, v.problems);
        return new FlowcraftConfig.Observability(metrics,
                format.orElse(io.flowcraft.server.ops.LogFormats.Format.TEXT), tracing);
    }

    private static FlowcraftConfig.Llm llm(Values v) {
        Duration timeout = v.duration("flowcraft.llm.timeout");
        if (timeout.isZero()) {
            v.problems.add("flowcraft.llm.timeout: must be a positive duration such as 2m");
        }
        LlmSettings.Cache cache = new LlmSettings.Cache(v.bool("flowcraft.llm.cache.enabled"),
                v.duration("flowcraft.llm.cache.ttl"), v.integer("flowcraft.llm.cache.max-entries", 0, 10_000_000));
        Map<String, String> keys = v.scalars("flowcraft.llm.keys");
        Map<String, Map<String, String>> providers = new LinkedHashMap<>();
        Config providerSection = v.root.get("flowcraft.llm.providers");
        if (providerSection.exists() && !providerSection.isObject()) {
            v.problems.add("flowcraft.llm.providers: must map provider ids to their settings, "
                    + "e.g. openai: {base-url: http://localhost:11434/v1}");
        } else if (providerSection.exists()) {
            for (Config provider : providerSection.asNodeList().orElse(List.of())) {
                providers.put(provider.name().toLowerCase(java.util.Locale.ROOT),
                        v.scalars(provider, "flowcraft.llm.providers." + provider.name()));
            }
        }
        List<PriceTable.Price> prices = new ArrayList<>();
        Config priceSection = v.root.get("flowcraft.llm.prices");
        if (priceSection.exists() && !priceSection.isList()) {
            v.problems.add("flowcraft.llm.prices: must be a list of {provider, model, input, output} "
                    + "(US dollars per million tokens)");
        } else if (priceSection.exists()) {
            List<Config> entries = priceSection.asNodeList().orElse(List.of());
            for (int i = 0; i < entries.size(); i++) {
                Config e = entries.get(i);
                String where = "flowcraft.llm.prices[" + i + "]";
                try {
                    prices.add(new PriceTable.Price(e.get("provider").asString().get(), e.get("model").asString().get(),
                            e.get("input").asDouble().get(), e.get("output").asDouble().get()));
                } catch (RuntimeException ex) {
                    v.problems.add(where + ": needs provider, model, and input and output prices as numbers ≥ 0 "
                            + "(US dollars per million tokens), e.g. {provider: openai, model: gpt-4.1-mini, "
                            + "input: 0.4, output: 1.6}");
                }
            }
        }
        Map<String, String> secrets = v.scalars("flowcraft.secrets");
        Optional<Path> envFile = v.optionalPath("flowcraft.env-file");
        Optional<Path> envDir = v.optionalPath("flowcraft.env-dir");
        return new FlowcraftConfig.Llm(timeout, cache, keys, providers, prices, secrets, envFile, envDir);
    }

    /** Reads keys, recording one sentence per bad value. */
    private static final class Values {
        private static final System.Logger LOG = System.getLogger(ConfigLoader.class.getName());
        private final Config root;
        private final Map<String, String> direct;
        private final List<String> problems = new ArrayList<>();

        /** {@code direct}: flag and environment values, which win over any list in a file. */
        Values(Config root, Map<String, String> direct) {
            this.root = root;
            this.direct = direct;
        }

        private Optional<String> raw(String key) {
            Config node = root.get(key);
            if (node.isList()) {
                return Optional.empty();
            }
            return node.asString().asOptional().map(String::trim);
        }

        private String required(String key) {
            Optional<String> value = raw(key);
            if (value.isEmpty() || value.get().isEmpty()) {
                problems.add(key + ": is missing; set it in the config file or with " + envName(key));
                return "";
            }
            return value.get();
        }

        String string(String key) {
            return required(key);
        }

        /** A value that may be unset (or empty). */
        Optional<String> optional(String key) {
            return raw(key).filter(x -> !x.isEmpty());
        }

        Optional<Path> optionalPath(String key) {
            Optional<String> s = raw(key).filter(x -> !x.isEmpty());
            try {
                return s.map(Path::of);
            } catch (RuntimeException e) {
                problems.add(key + ": '" + s.get() + "' is not a valid path");
                return Optional.empty();
            }
        }

        /** A section of name → text, such as named keys; reports a value that is not text. */
        Map<String, String> scalars(String key) {
            return scalars(root.get(key), key);
        }

        Map<String, String> scalars(Config section, String key) {
            Map<String, String> out = new LinkedHashMap<>();
            if (!section.exists()) {
                return out;
            }
            if (!section.isObject()) {
                problems.add(key + ": must map names to values");
                return out;
            }
            for (Config child : section.asNodeList().orElse(List.of())) {
                if (!child.isLeaf() || child.asString().asOptional().isEmpty()) {
                    problems.add(key + "." + child.name() + ": must be a single value");
                } else {
                    out.put(child.name(), child.asString().get().trim());
                }
            }
            return out;
        }

        Path path(String key) {
            String s = required(key);
            try {
                return Path.of(s.isEmpty() ? "." : s);
            } catch (RuntimeException e) {
                problems.add(key + ": '" + s + "' is not a valid path");
                return Path.of(".");
            }
        }

        int integer(String key, long min, long max) {
            String s = required(key);
            if (s.isEmpty()) {
                return (int) min;
            }
            try {
                long value = Long.parseLong(s.replace("_", ""));
                if (value < min || value > max) {
                    throw new NumberFormatException();
                }
                return (int) value;
            } catch (NumberFormatException e) {
                problems.add(key + ": must be a whole number from " + min + " to " + max + ", got '" + s + "'");
                return (int) min;
            }
        }

        boolean bool(String key) {
            String s = required(key).toLowerCase(java.util.Locale.ROOT);
            return switch (s) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> {
                    problems.add(key + ": must be true or false, got '" + s + "'");
                    yield true;
                }
            };
        }

        Duration duration(String key) {
            String s = required(key);
            try {
                if (s.equals("0") || s.isEmpty()) {
                    return Duration.ZERO;
                }
                if (s.matches("\\d+ms")) {
                    return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
                }
                if (s.matches("\\d+[smhd]")) {
                    long n = Long.parseLong(s.substring(0, s.length() - 1));
                    return switch (s.charAt(s.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
                Duration d = Duration.parse(s);
                if (d.isNegative()) {
                    throw new DateTimeParseException("negative", s, 0);
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException e) {
                problems.add(key + ": must be 0 (keep forever) or a duration such as 30d, 12h or P7D, got '"
                        + s + "'");
                return Duration.ZERO;
            }
        }

        List<String> list(String key) {
            Config node = root.get(key);
            if (direct.containsKey(key)) {
                return split(direct.get(key));
            }
            if (node.isList()) {
                return node.asList(String.class).orElse(List.of()).stream().map(String::trim)
                        .filter(x -> !x.isEmpty()).toList();
            }
            return split(raw(key).orElse(""));
        }

        private static List<String> split(String s) {
            String t = s.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            return List.of(t.split(",")).stream().map(String::trim).map(x -> x.replaceAll("^[\"']|[\"']$", ""))
                    .filter(x -> !x.isEmpty()).toList();
        }

        void warnUnknown() {
            Set<String> unknown = new TreeSet<>();
            root.get("flowcraft").traverse().filter(Config::isLeaf).forEach(node -> {
                String key = node.key().toString().replaceAll("\\.\\d+$", "");
                if (!KEYS.contains(key) && OPEN_SECTIONS.stream().noneMatch(s -> key.startsWith(s + "."))) {
                    unknown.add(key);
                }
            });
            if (!unknown.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unknown configuration keys " + unknown
                        + "; known keys are listed in docs/configuration.md");
            }
        }
    }
}
