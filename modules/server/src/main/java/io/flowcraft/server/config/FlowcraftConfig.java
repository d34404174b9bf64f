package io.flowcraft.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's whole configuration, validated. See {@code docs/configuration.md} for every key.
 *
 * @param host                 address to bind ({@code flowcraft.server.host})
 * @param port                 port to bind, 0 for any free port ({@code flowcraft.server.port})
 * @param dataDir              where the database lives ({@code flowcraft.data-dir})
 * @param pluginsDir           where plugin jars are dropped ({@code flowcraft.plugins-dir})
 * @param webSocket            WebSocket limits and origins
 * @param maxNodes             most nodes in a graph ({@code flowcraft.graph.max-nodes})
 * @param maxEdges             most edges in a graph ({@code flowcraft.graph.max-edges})
 * @param historyMaxVersions   versions kept per graph ({@code flowcraft.history.max-versions})
 * @param historyMaxAge        versions older than this are pruned, zero keeps them
 *                             ({@code flowcraft.history.max-age})
 * @param fsync                fsync every commit ({@code flowcraft.store.fsync})
 * @param pluginCallTimeout    longest a plugin call may run ({@code flowcraft.plugins.call-timeout})
 * @param pluginsWatch         load, unload and reload jars as the plugins directory changes
 *                             ({@code flowcraft.plugins.watch})
 * @param execution            how diagrams run
 * @param llm                  LLM keys, providers, cache and prices, plugin secrets, and the files
 *                             that hold rotating keys
 * @param security             authentication, roles and limits ({@code flowcraft.auth.*}, {@code flowcraft.limits.*})
 * @param observability        metrics, logs and tracing ({@code flowcraft.metrics.*}, {@code flowcraft.log.*},
 *                             {@code flowcraft.tracing.*})
 */
public record FlowcraftConfig(String host, int port, Path dataDir, Path pluginsDir, WebSocket webSocket,
                              int maxNodes, int maxEdges, int historyMaxVersions, Duration historyMaxAge,
                              boolean fsync, Duration pluginCallTimeout, boolean pluginsWatch, Execution execution,
                              Llm llm, Security security, Observability observability) {
    /**
     * A configuration with the default LLM settings ({@link Llm#defaults()}).
     *
     * @param host               address to bind
     * @param port               port to bind
     * @param dataDir            where the database lives
     * @param pluginsDir         where plugin jars are dropped
     * @param webSocket          WebSocket limits and origins
     * @param maxNodes           most nodes in a graph
     * @param maxEdges           most edges in a graph
     * @param historyMaxVersions versions kept per graph
     * @param historyMaxAge      age after which versions are pruned
     * @param fsync              fsync every commit
     * @param pluginCallTimeout  longest a plugin call may run
     * @param pluginsWatch       watch the plugins directory
     * @param execution          how diagrams run
     */
    public FlowcraftConfig(String host, int port, Path dataDir, Path pluginsDir, WebSocket webSocket,
                           int maxNodes, int maxEdges, int historyMaxVersions, Duration historyMaxAge,
                           boolean fsync, Duration pluginCallTimeout, boolean pluginsWatch, Execution execution) {
        this(host, port, dataDir, pluginsDir, webSocket, maxNodes, maxEdges, historyMaxVersions, historyMaxAge, fsync,
                pluginCallTimeout, pluginsWatch, execution, Llm.defaults(), Security.defaults(), Observability.defaults());
    }

    /** @throws NullPointerException if a component is null */
    public FlowcraftConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(historyMaxAge, "historyMaxAge");
        Objects.requireNonNull(pluginCallTimeout, "pluginCallTimeout");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(observability, "observability");
    }

    /**
     * Who may do what, and how much ({@code flowcraft.auth.*}, {@code flowcraft.limits.*},
     * {@code flowcraft.metrics.token}). {@link #toString()} never shows a secret.
     *
     * @param authEnabled  whether clients must present a token ({@code flowcraft.auth.enabled})
     * @param tokens       static tokens ({@code flowcraft.auth.tokens.<name>}, {@code FLOWCRAFT_AUTH_TOKENS_<NAME>})
     * @param secret       the shared secret of signed tokens ({@code flowcraft.auth.secret}), if any
     * @param publicHealth whether {@code /health} answers without a token ({@code flowcraft.auth.public-health})
     * @param metricsToken the token {@code /metrics} asks for, if any ({@code flowcraft.metrics.token});
     *                     without one, {@code /metrics} is public
     * @param limits       rate, connection and execution limits ({@code flowcraft.limits.*})
     */
    public record Security(boolean authEnabled, List<Token> tokens, Optional<String> secret, boolean publicHealth,
                           Optional<String> metricsToken, Limits limits) {
        /** Checks and copies the components. */
        public Security {
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(metricsToken, "metricsToken");
            Objects.requireNonNull(limits, "limits");
        }

        /**
         * The defaults: authentication off (the local quick start), {@code /health} and
         * {@code /metrics} public, {@link Limits#defaults()}.
         *
         * @return the defaults
         */
        public static Security defaults() {
            return new Security(false, List.of(), Optional.empty(), true, Optional.empty(), Limits.defaults());
        }

        /**
         * These settings with authentication on.
         *
         * @param newTokens static tokens
         * @param newSecret the signing secret, if any
         * @return a copy
         */
        public Security withAuth(List<Token> newTokens, Optional<String> newSecret) {
            return new Security(true, newTokens, newSecret, publicHealth, metricsToken, limits);
        }

        /**
         * These settings with other limits.
         *
         * @param newLimits the limits
         * @return a copy
         */
        public Security withLimits(Limits newLimits) {
            return new Security(authEnabled, tokens, secret, publicHealth, metricsToken, newLimits);
        }

        /** Names and roles only: secrets stay out of logs. */
        @Override
        public String toString() {
            return "Security[authEnabled=" + authEnabled + ", tokens=" + tokens + ", secret="
                    + (secret.isPresent() ? "(set)" : "(none)") + ", publicHealth=" + publicHealth + ", metricsToken="
                    + (metricsToken.isPresent() ? "(set)" : "(none)") + ", limits=" + limits + "]";
        }

        /**
         * A static token.
         *
         * @param name   who holds it, for logs
         * @param role   {@code viewer}, {@code editor} or {@code operator}
         * @param token  the token itself (a secret)
         * @param graphs the only graphs it may open, or empty for all
         */
        public record Token(String name, String role, String token, Optional<List<String>> graphs) {
            /** Checks and copies the components. */
            public Token {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(role, "role");
                Objects.requireNonNull(token, "token");
                graphs = graphs.map(List::copyOf);
            }

            /** Without the token. */
            @Override
            public String toString() {
                return name + ":" + role + graphs.map(g -> "@" + g).orElse("");
            }
        }

        /**
         * How much one client or the whole server may ask for ({@code flowcraft.limits.*}).
         *
         * @param messagesPerSecond     messages a connection may send per second, on average
         *                              ({@code messages-per-second})
         * @param burst                 messages a connection may send at once ({@code burst})
         * @param refusalsBeforeClose   rate-limited messages within 10 seconds after which the connection is
         *                              closed with 1008 ({@code refusals-before-close})
         * @param connections           WebSocket connections open at once, server-wide ({@code connections})
         * @param connectionsPerAddress connections from one remote address, 0 for no limit
         *                              ({@code connections-per-address})
         * @param executionsPerGraph    runs going at once watched by one graph ({@code executions-per-graph})
         * @param executions            runs going at once, server-wide ({@code executions})
         */
        public record Limits(int messagesPerSecond, int burst, int refusalsBeforeClose, int connections,
                             int connectionsPerAddress, int executionsPerGraph, int executions) {
            /**
             * The defaults (as in {@code flowcraft-defaults.yaml}): 200 messages a second with bursts of
             * 400, closed after 1,000 refusals in 10 s; 1,000 connections, any number per address; 16 runs
             * per graph and 64 in all.
             *
             * @return the defaults
             */
            public static Limits defaults() {
                return new Limits(200, 400, 1000, 1000, 0, 16, 64);
            }
        }
    }

    /**
     * What operators see ({@code flowcraft.metrics.*}, {@code flowcraft.log.*}, {@code flowcraft.tracing.*}).
     *
     * @param metricsEnabled whether {@code /metrics} is served ({@code flowcraft.metrics.enabled})
     * @param logFormat      how log lines look ({@code flowcraft.log.format}: text or json)
     * @param tracing        OpenTelemetry tracing of runs ({@code flowcraft.tracing.*})
     */
    public record Observability(boolean metricsEnabled, io.flowcraft.server.ops.LogFormats.Format logFormat,
                                Tracing tracing) {
        /** Checks the components. */
        public Observability {
            Objects.requireNonNull(logFormat, "logFormat");
            Objects.requireNonNull(tracing, "tracing");
        }

        /**
         * These settings with tracing off.
         *
         * @param metricsEnabled whether {@code /metrics} is served
         * @param logFormat      how log lines look
         */
        public Observability(boolean metricsEnabled, io.flowcraft.server.ops.LogFormats.Format logFormat) {
            this(metricsEnabled, logFormat, Tracing.defaults());
        }

        /**
         * The defaults: metrics on, readable text logs, tracing off.
         *
         * @return the defaults
         */
        public static Observability defaults() {
            return new Observability(true, io.flowcraft.server.ops.LogFormats.Format.TEXT);
        }

        /**
         * These settings with other tracing settings.
         *
         * @param newTracing the tracing settings
         * @return a copy
         */
        public Observability withTracing(Tracing newTracing) {
            return new Observability(metricsEnabled, logFormat, newTracing);
        }
    }

    /**
     * OpenTelemetry tracing of runs ({@code flowcraft.tracing.*}): a span per run, per node attempt
     * and per LLM call, sent over OTLP/HTTP. {@link #toString()} never shows a header value.
     *
     * @param enabled     whether runs are traced ({@code flowcraft.tracing.enabled})
     * @param endpoint    the collector's OTLP/HTTP traces URL ({@code flowcraft.tracing.endpoint}, else
     *                    {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, else {@code OTEL_EXPORTER_OTLP_ENDPOINT}
     *                    plus {@code /v1/traces})
     * @param serviceName the {@code service.name} spans carry ({@code flowcraft.tracing.service-name}, else
     *                    {@code OTEL_SERVICE_NAME})
     * @param sampleRatio the share of runs traced, 0 to 1 ({@code flowcraft.tracing.sample-ratio}); a run's
     *                    nodes and LLM calls go with it
     * @param headers     headers sent with every export, such as a collector's key
     *                    ({@code flowcraft.tracing.headers.<name>}, else {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}
     *                    or {@code OTEL_EXPORTER_OTLP_HEADERS}); values are secrets
     */
    public record Tracing(boolean enabled, java.net.URI endpoint, String serviceName, double sampleRatio,
                          Map<String, String> headers) {
        /** Where an OTLP/HTTP collector listens on this machine by default. */
        public static final java.net.URI DEFAULT_ENDPOINT = java.net.URI.create("http://localhost:4318/v1/traces");

        /** Checks and copies the components. */
        public Tracing {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(serviceName, "serviceName");
            if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
                throw new IllegalArgumentException("sampleRatio must be from 0 to 1, got " + sampleRatio);
            }
            headers = Map.copyOf(headers);
        }

        /**
         * The defaults: off; when turned on, every run is sent to {@link #DEFAULT_ENDPOINT} as service
         * {@code flowcraft}, without headers.
         *
         * @return the defaults
         */
        public static Tracing defaults() {
            return new Tracing(false, DEFAULT_ENDPOINT, "flowcraft", 1.0, Map.of());
        }

        /**
         * Tracing on, sending to {@code newEndpoint}.
         *
         * @param newEndpoint the collector's OTLP/HTTP traces URL
         * @return a copy
         */
        public Tracing enabledAt(java.net.URI newEndpoint) {
            return new Tracing(true, newEndpoint, serviceName, sampleRatio, headers);
        }

        /**
         * These settings with other export headers.
         *
         * @param newHeaders header name → value
         * @return a copy
         */
        public Tracing withHeaders(Map<String, String> newHeaders) {
            return new Tracing(enabled, endpoint, serviceName, sampleRatio, newHeaders);
        }

        /** Header names only: their values may be keys. */
        @Override
        public String toString() {
            return "Tracing[enabled=" + enabled + ", endpoint=" + endpoint.getScheme() + "://" + endpoint.getHost()
                    + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()) + endpoint.getPath() + ", serviceName="
                    + serviceName + ", sampleRatio=" + sampleRatio + ", headers=" + new java.util.TreeSet<>(
                    headers.keySet()) + "]";
        }
    }

    /**
     * LLM and secret settings ({@code flowcraft.llm.*}, {@code flowcraft.secrets.*},
     * {@code flowcraft.env-file}, {@code flowcraft.env-dir}). Keys, provider settings and secrets
     * named here are the fallback: the environment (and the env file and directory, re-read when
     * they change) wins at each call.
     *
     * @param timeout   how long one LLM call may take ({@code flowcraft.llm.timeout})
     * @param cache     the response cache ({@code flowcraft.llm.cache.*})
     * @param keys      named keys for persons' {@code api_key_id} ({@code flowcraft.llm.keys.<id>})
     * @param providers provider settings ({@code flowcraft.llm.providers.<id>.<setting>}: api-key, base-url, …)
     * @param prices    prices that replace or add to the bundled ones ({@code flowcraft.llm.prices})
     * @param secrets   plugin secrets by name ({@code flowcraft.secrets.<name>}: notion, …)
     * @param envFile   an environment file re-read when it changes ({@code flowcraft.env-file})
     * @param envDir    a directory of one file per variable, re-read when they change ({@code flowcraft.env-dir})
     */
    public record Llm(Duration timeout, io.flowcraft.engine.LlmSettings.Cache cache, Map<String, String> keys,
                      Map<String, Map<String, String>> providers, List<io.flowcraft.engine.PriceTable.Price> prices,
                      Map<String, String> secrets, Optional<Path> envFile, Optional<Path> envDir) {
        /** Checks and copies the components. */
        public Llm {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(cache, "cache");
            keys = Map.copyOf(keys);
            Map<String, Map<String, String>> copy = new java.util.LinkedHashMap<>();
            providers.forEach((id, settings) -> copy.put(id, Map.copyOf(settings)));
            providers = java.util.Collections.unmodifiableMap(copy);
            prices = List.copyOf(prices);
            secrets = Map.copyOf(secrets);
            Objects.requireNonNull(envFile, "envFile");
            Objects.requireNonNull(envDir, "envDir");
        }

        /**
         * The defaults: 2-minute calls, the cache on for an hour with 1,000 answers, nothing else.
         *
         * @return the defaults
         */
        public static Llm defaults() {
            return new Llm(Duration.ofMinutes(2), io.flowcraft.engine.LlmSettings.DEFAULT_CACHE, Map.of(), Map.of(),
                    List.of(), Map.of(), Optional.empty(), Optional.empty());
        }

        /** Values of keys and secrets stay out of logs. */
        @Override
        public String toString() {
            return "Llm[timeout=" + timeout + ", cache=" + cache + ", keys=" + keys.keySet() + ", providers="
                    + providers.keySet() + ", prices=" + prices.size() + ", secrets=" + secrets.keySet()
                    + ", envFile=" + envFile + ", envDir=" + envDir + "]";
        }
    }

    /**
     * How diagrams run.
     *
     * @param filesDir            the directory file-based nodes ({@code db}, {@code endpoint}) work in
     *                            ({@code flowcraft.execution.files-dir}; relative: under the data directory)
     * @param maxConcurrency      most nodes of one run at once ({@code flowcraft.execution.max-concurrency})
     * @param nodeTimeout         a node's time limit when it sets none ({@code flowcraft.execution.node-timeout})
     * @param defaultMaxIteration iteration bound of a loop node without {@code max_iteration}
     *                            ({@code flowcraft.execution.default-max-iteration})
     */
    public record Execution(Path filesDir, int maxConcurrency, Duration nodeTimeout, int defaultMaxIteration) {
        /** Checks the components. */
        public Execution {
            Objects.requireNonNull(filesDir, "filesDir");
            Objects.requireNonNull(nodeTimeout, "nodeTimeout");
        }

        /**
         * The defaults: files under {@code data/files}, 1,024 nodes at once, 5 minutes per node, loops of 100.
         *
         * @return the defaults
         */
        public static Execution defaults() {
            return new Execution(Path.of("files"), 1024, Duration.ofMinutes(5), 100);
        }
    }

    /**
     * The directory file-based nodes work in: {@link Execution#filesDir()}, under the data
     * directory when relative.
     *
     * @return the absolute files directory
     */
    public Path filesDir() {
        return dataDir.resolve(execution.filesDir()).toAbsolutePath().normalize();
    }

    /**
     * WebSocket settings.
     *
     * @param maxMessageBytes   a message larger than this gets a {@code message_too_large} error
     *                          ({@code flowcraft.websocket.max-message-bytes})
     * @param maxFrameBytes     a frame larger than this closes the connection with code 1009
     *                          ({@code flowcraft.websocket.max-frame-bytes})
     * @param allowedOrigins    browser origins allowed to connect; empty: same origin only
     *                          ({@code flowcraft.websocket.allowed-origins})
     * @param queueMessages     most messages waiting for one client
     *                          ({@code flowcraft.websocket.outbound-queue-messages})
     * @param queueBytes        most bytes waiting for one client
     *                          ({@code flowcraft.websocket.outbound-queue-bytes})
     */
    public record WebSocket(int maxMessageBytes, int maxFrameBytes, List<String> allowedOrigins,
                            int queueMessages, long queueBytes) {
        /** Copies the origins. */
        public WebSocket {
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /**
     * This configuration with another port (tests bind to 0).
     *
     * @param newPort the port
     * @return a copy
     */
    public FlowcraftConfig withPort(int newPort) {
        return new FlowcraftConfig(host, newPort, dataDir, pluginsDir, webSocket, maxNodes, maxEdges,
                historyMaxVersions, historyMaxAge, fsync, pluginCallTimeout, pluginsWatch, execution, llm, security,
                observability);
    }

    /**
     * This configuration with other LLM settings.
     *
     * @param newLlm the LLM settings
     * @return a copy
     */
    public FlowcraftConfig withLlm(Llm newLlm) {
        return new FlowcraftConfig(host, port, dataDir, pluginsDir, webSocket, maxNodes, maxEdges,
                historyMaxVersions, historyMaxAge, fsync, pluginCallTimeout, pluginsWatch, execution, newLlm, security,
                observability);
    }

    /**
     * This configuration with other security settings.
     *
     * @param newSecurity the security settings
     * @return a copy
     */
    public FlowcraftConfig withSecurity(Security newSecurity) {
        return new FlowcraftConfig(host, port, dataDir, pluginsDir, webSocket, maxNodes, maxEdges,
                historyMaxVersions, historyMaxAge, fsync, pluginCallTimeout, pluginsWatch, execution, llm, newSecurity,
                observability);
    }

    /**
     * This configuration with other observability settings.
     *
     * @param newObservability the observability settings
     * @return a copy
     */
    public FlowcraftConfig withObservability(Observability newObservability) {
        return new FlowcraftConfig(host, port, dataDir, pluginsDir, webSocket, maxNodes, maxEdges,
                historyMaxVersions, historyMaxAge, fsync, pluginCallTimeout, pluginsWatch, execution, llm, security,
                newObservability);
    }
}
