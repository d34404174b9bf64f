/**
 * The Flowcraft server: Helidon SE main, layered YAML configuration, the WebSocket protocol and
 * its rooms, the HTTP API, and the wiring of the graph store.
 *
 * <p>{@link io.flowcraft.server.FlowcraftServer} starts and stops everything; state is created
 * when it starts and released when it stops, and is passed to handlers explicitly.
 */
module io.flowcraft.server {
    requires io.flowcraft.api;
    requires io.flowcraft.graph;
    requires io.flowcraft.plugins;
    requires transitive io.flowcraft.engine;
    requires io.flowcraft.web;
    requires org.slf4j;
    requires io.helidon.common;
    requires io.helidon.common.buffers;
    requires io.helidon.common.socket;
    requires io.helidon.common.config;
    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.helidon.http;
    requires io.helidon.logging.common;
    requires io.helidon.logging.jul;
    requires io.helidon.webserver;
    requires io.helidon.webserver.websocket;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.webserver.observe.health;
    requires io.helidon.metrics.api;
    requires io.helidon.health;
    requires io.helidon.websocket;
    requires jakarta.json;
    requires jakarta.json.bind;
    requires java.logging;
    // tracing (flowcraft.tracing.enabled); automatic modules, loaded only when tracing is on
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.exporter.otlp;

    exports io.flowcraft.server;
    exports io.flowcraft.server.config;
}
