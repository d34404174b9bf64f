/**
 * The Flowcraft API: the only boundary a plugin sees.
 *
 * <p>{@link io.flowcraft.api} holds the graph model (immutable records), the operations that change a
 * graph and the changeset an action returns; {@link io.flowcraft.api.protocol} holds the WebSocket
 * protocol's message family. This module depends on nothing but {@code java.base}.
 */
module io.flowcraft.api {
    exports io.flowcraft.api;
    exports io.flowcraft.api.protocol;
}
