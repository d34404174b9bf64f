/**
 * The Flowcraft API: the only boundary a plugin sees.
 *
 * <p>{@link io.flowcraft.api} holds the graph model (immutable records), the operations that change a
 * graph and the changeset an action returns; {@link io.flowcraft.api.protocol} holds the WebSocket
 * protocol's message family; {@link io.flowcraft.api.spi} holds the extension points plugins
 * implement ({@code GraphAction}, {@code NodeExecutor}, {@code LlmProvider}) and their descriptors.
 * This module depends on nothing of Flowcraft's and on no framework but PF4J.
 */
module io.flowcraft.api {
    requires transitive pf4j;
    requires transitive java.net.http;

    exports io.flowcraft.api;
    exports io.flowcraft.api.execution;
    exports io.flowcraft.api.protocol;
    exports io.flowcraft.api.spi;
}
