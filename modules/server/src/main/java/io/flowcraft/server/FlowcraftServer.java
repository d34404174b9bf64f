package io.flowcraft.server;

import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphLimits;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.Json;
import io.flowcraft.graph.SqliteNative;
import io.flowcraft.graph.StoreConfig;
import io.flowcraft.server.config.FlowcraftConfig;
import io.flowcraft.server.http.GraphRoutes;
import io.flowcraft.server.http.DiagramRoutes;
import io.flowcraft.server.http.WebClientRoutes;
import io.flowcraft.web.WebApp;
import io.flowcraft.server.http.PluginRoutes;
import io.flowcraft.server.http.ProviderRoutes;
import io.flowcraft.plugins.PluginHost;
import io.flowcraft.plugins.PluginHostConfig;
import io.flowcraft.server.ws.Frames;
import io.flowcraft.server.ws.GraphSocket;
import io.flowcraft.server.ws.ExecutionRelay;
import io.flowcraft.server.http.ExecutionRoutes;
import io.flowcraft.engine.Engine;
import io.flowcraft.engine.HostServices;
import io.flowcraft.server.ops.MeteredGraphStore;
import io.flowcraft.server.ops.RunObservers;
import io.flowcraft.server.ops.ServerHealth;
import io.flowcraft.server.ops.ServerMetrics;
import io.flowcraft.server.ops.StartupPhases;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.flowcraft.engine.LiveEnvironment;
import io.flowcraft.engine.LlmSettings;
import io.flowcraft.engine.PriceTable;
import io.flowcraft.engine.EngineConfig;
import io.flowcraft.engine.SqliteExecutionStore;
import io.flowcraft.server.ws.Rooms;
import io.flowcraft.server.security.ServerGuard;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.flowcraft.server.http.LazyJsonb;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Flowcraft server: the graph store, the WebSocket endpoint and the HTTP API, created by
 * {@link #start(FlowcraftConfig)} and released by {@link #close()}. {@code Main} and the tests use
 * this same class, so tests exercise exactly the production wiring. Thread-safe.
 */
public final class FlowcraftServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FlowcraftServer.class.getName());

    private final FlowcraftConfig config;
    private final GraphStore store;
    private final GraphSocket socket;
    private final Rooms rooms;
    private final PluginHost plugins;
    private final Engine engine;
    private final RunObservers observers;
    private final WebServer webServer;
    private final LazyJsonb jsonb;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FlowcraftServer(FlowcraftConfig config, GraphStore store, GraphSocket socket, Rooms rooms,
                            PluginHost plugins, Engine engine, RunObservers observers, WebServer webServer,
                            LazyJsonb jsonb) {
        this.engine = engine;
        this.observers = observers;
        this.config = config;
        this.store = store;
        this.socket = socket;
        this.rooms = rooms;
        this.plugins = plugins;
        this.webServer = webServer;
        this.jsonb = jsonb;
    }

    /**
     * Opens the store and starts the web server.
     *
     * @param config the configuration
     * @return the running server
     * @throws io.flowcraft.graph.GraphStoreException if the database cannot be opened
     */
    public static FlowcraftServer start(FlowcraftConfig config) {
        StartupPhases phases = new StartupPhases();
        // Helidon's metrics set-up (its configuration and service registry) is the slowest single
        // part of a start and needs nothing of ours: it runs beside the rest. The registry is this
        // server's own (MeterRegistry.create() is the JVM-wide one).
        CompletableFuture<MeterRegistry> registry = inBackground("flowcraft-start-metrics",
                () -> io.helidon.metrics.api.Metrics.createMeterRegistry(io.helidon.metrics.api.MetricsConfig.create()));
        // loading the plugin jars needs nothing else either
        CompletableFuture<PluginHost> loading = inBackground("flowcraft-start-plugins",
                () -> PluginHost.start(new PluginHostConfig(config.pluginsDir(), config.pluginsWatch(),
                        config.pluginCallTimeout())));
        Json json = Json.create();
        GraphCodec codec = GraphCodec.create(json);
        warmUp(codec);
        phases.mark("json");
        SqliteNative.useCopyIn(config.dataDir().resolve("cache"));
        GraphStore raw;
        try {
            raw = GraphStore.openSqlite(new StoreConfig(config.dataDir(),
                    new GraphLimits(config.maxNodes(), config.maxEdges()), config.historyMaxVersions(),
                    config.historyMaxAge(), config.fsync()), codec);
        } catch (RuntimeException e) {
            loading.thenAccept(PluginHost::close);
            throw e;
        }
        phases.mark("store");
        GraphStore store = raw;
        LazyJsonb jsonb = new LazyJsonb();
        PluginHost plugins = null;
        Engine engine = null;
        RunObservers observers = null;
        try {
            plugins = await(loading);
            phases.mark("plugins (waited)");
            java.util.concurrent.atomic.AtomicReference<GraphSocket> socketRef = new java.util.concurrent.atomic.AtomicReference<>();
            PluginHost host = plugins;
            ServerMetrics metrics = new ServerMetrics(await(registry),
                    () -> socketRef.get() == null ? 0 : socketRef.get().connectionCount(),
                    () -> (int) host.plugins().stream().filter(p -> p.failure().isPresent()).count());
            store = new MeteredGraphStore(raw, metrics);
            phases.mark("metrics");
            Frames frames = new Frames(json, metrics::errorSent);
            Rooms rooms = new Rooms(frames, codec);
            store.addListener(rooms);
            host.addListener(() -> rooms.broadcastAll(frames.message("catalogue_changed", json.write(
                    java.util.Map.of("actions", PluginRoutes.actions(host.actions()))), java.util.Optional.empty())));
            // tracing only when enabled: otherwise no OpenTelemetry class is loaded
            observers = RunObservers.start(metrics, config.observability().tracing());
            HostServices services = hostServices(config.llm(), host, observers.llmCalls());
            engine = new Engine(new EngineConfig(config.filesDir(), config.execution().maxConcurrency(),
                    config.execution().nodeTimeout(), config.execution().defaultMaxIteration(), 1_000_000, 100),
                    plugins::nodeExecutor, SqliteExecutionStore.open(config.dataDir().resolve("executions.db")),
                    services, observers.runs());
            phases.mark("engine");
            ExecutionRelay relay = new ExecutionRelay(rooms, frames, json);
            engine.events().subscribe(relay::publish);
            Engine running = engine;
            ServerGuard guard = new ServerGuard(config.security(), io.flowcraft.server.security.LiveCredentials.of(config),
                    id -> running.execution(id).map(io.flowcraft.engine.ExecutionRecord::graphId), metrics::refused);
            GraphSocket socket = new GraphSocket(store, rooms, frames, codec, config.webSocket(), plugins, engine,
                    relay, guard);
            socketRef.set(socket);
            GraphRoutes graphRoutes = new GraphRoutes(store, jsonb, codec);
            HttpRouting.Builder http = HttpRouting.builder().addFilter(guard.httpFilter());
            graphRoutes.register(http);
            new PluginRoutes(plugins, json).register(http);
            new ExecutionRoutes(engine, plugins, json).register(http);
            new DiagramRoutes(engine, store, codec).register(http);
            new ProviderRoutes(services.llm(), json).register(http);
            new WebClientRoutes(WebApp.bundled()).register(http);
            phases.mark("routes");
            WebServer server = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .shutdownHook(false)
                    // small frames (patches, acknowledgements) must not wait for the peer's delayed ACK
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .shutdownGracePeriod(Duration.ofSeconds(2))
                    .maxPayloadSize(config.webSocket().maxMessageBytes())
                    .addProtocol(WsConfig.builder()
                            .name("websocket")
                            .maxFrameLength(config.webSocket().maxFrameBytes())
                            .origins(new LinkedHashSet<>(config.webSocket().allowedOrigins()))
                            .build())
                    .routing(http)
                    .addFeature(observe(config.observability(), await(registry), store, plugins, socket, metrics))
                    .addRouting(WsRouting.builder().endpoint("/ws", socket))
                    .build()
                    .start();
            phases.mark("web server");
            LOG.log(Level.INFO, "started in " + phases.total() + " ms (" + phases.summary() + ")");
            return new FlowcraftServer(config, store, socket, rooms, plugins, engine, observers, server, jsonb);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (observers != null) {
                observers.close();
            }
            if (plugins != null) {
                plugins.close();
            }
            store.close();
            jsonb.close();
            throw e;
        }
    }

    /**
     * What executors get from the host: LLM settings from the configuration under the environment,
     * which is re-read from the configured env file and directory so rotated keys apply to the
     * next call.
     */
    private static HostServices hostServices(FlowcraftConfig.Llm llm, PluginHost host,
                                             io.flowcraft.engine.LlmService.Observer observer) {
        LiveEnvironment env = new LiveEnvironment(llm.envFile(), llm.envDir(),
                name -> java.util.Optional.ofNullable(System.getenv(name)));
        LlmSettings settings = LlmSettings.layered(env, llm.keys(), llm.providers(), llm.timeout(), llm.cache(),
                PriceTable.bundled().with(llm.prices()));
        return HostServices.standard(host::llmProviders, settings, HostServices.secrets(env, llm.secrets()), observer);
    }

    /** {@code /metrics} (Prometheus text; JSON when asked) and {@code /health} ({@code /live}, {@code /ready}). */
    private static ObserveFeature observe(FlowcraftConfig.Observability config, MeterRegistry registry,
                                          GraphStore store, PluginHost plugins, GraphSocket socket,
                                          ServerMetrics metrics) {
        var health = HealthObserver.builder().details(true).useSystemServices(false);
        ServerHealth.checks(store, plugins, socket::connectionCount, metrics::activeRuns)
                .forEach(c -> health.addCheck(c, c.type()));
        var observe = ObserveFeature.builder().endpoint("/").observersDiscoverServices(false)
                .addObserver(health.build());
        if (config.metricsEnabled()) {
            observe.addObserver(MetricsObserver.builder().meterRegistry(registry).build());
        }
        return observe.build();
    }

    /** Runs {@code work} on a thread of its own, so a start can do two things at once on two cores. */
    private static <T> CompletableFuture<T> inBackground(String name, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The first JSON encode/decode loads classes and JIT paths: do it before the first client waits. */
    private static void warmUp(GraphCodec codec) {
        String sample = "{\"nodes\":[{\"id\":\"a\",\"type\":\"t\",\"position\":{\"x\":1,\"y\":2.5},\"data\":{\"k\":[1,"
                + "true,null,\"s\"]}}],\"edges\":[{\"id\":\"e\",\"source\":\"a\",\"target\":\"a\"}]}";
        codec.encode(codec.decode(sample));
    }

    /**
     * The port the server listens on (useful when configured with port 0).
     *
     * @return the port
     */
    public int port() {
        return webServer.port();
    }

    /**
     * The configuration the server runs with.
     *
     * @return the configuration
     */
    public FlowcraftConfig config() {
        return config;
    }

    /**
     * The graph store (for tests and embedding).
     *
     * @return the store
     */
    public GraphStore store() {
        return store;
    }

    /**
     * How many clients have a graph open.
     *
     * @param graphId the graph
     * @return the number of connections in the graph's room
     */
    public int clients(String graphId) {
        return rooms.size(graphId);
    }

    /**
     * Stops accepting connections, closes every client connection, and closes the store.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.close();
        observers.close();
        socket.closeAll();
        try {
            webServer.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the web server failed: " + e.getMessage());
        }
        plugins.close();
        store.close();
        jsonb.close();
    }

    /**
     * The execution engine (for tests and embedding).
     *
     * @return the engine
     */
    public Engine engine() {
        return engine;
    }

    /**
     * The plugin host (for tests and embedding).
     *
     * @return the host
     */
    public PluginHost plugins() {
        return plugins;
    }
}
