package io.flowcraft.server.security;

import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.server.config.FlowcraftConfig;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.websocket.WsCloseCodes;

import java.net.SocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's authentication and limits in one place, created by {@code FlowcraftServer} and
 * handed to the HTTP routing (as a filter) and the WebSocket endpoint: who may open what, which
 * messages a connection may send and how fast, how many connections and runs may be open. Every
 * refusal goes through {@link Refusals}. Thread-safe.
 */
public final class ServerGuard {
    private final FlowcraftConfig.Security config;
    private final Authenticator authenticator;
    private final ConnectionLimits connections;
    private final ExecutionLimits executions;
    private final Refusals refusals;
    private final HttpGuard filter;
    /** The principal of the upgrade the HTTP filter just admitted, for the listener's {@code onOpen} on the same thread. */
    private final ThreadLocal<Principal> upgrading = new ThreadLocal<>();

    /**
     * Creates the guard.
     *
     * @param config         the security settings
     * @param credentials    the tokens and secret, re-read as the env file or directory changes
     *                       ({@link LiveCredentials#of}); each request and each new connection is checked
     *                       against them as they are then, while an open WebSocket connection keeps the
     *                       principal it was admitted with until it closes
     * @param executionGraph the graph of a run, by execution id (for tokens limited to some graphs)
     * @param refused        told what refused each refused request (metrics; see {@link Refusals})
     */
    public ServerGuard(FlowcraftConfig.Security config, LiveCredentials credentials,
                       Function<String, Optional<String>> executionGraph, java.util.function.Consumer<String> refused) {
        this.config = config;
        this.refusals = new Refusals(refused);
        this.authenticator = new Authenticator(config, credentials, Clock.systemUTC());
        FlowcraftConfig.Security.Limits limits = config.limits();
        this.connections = new ConnectionLimits(limits.connections(), limits.connectionsPerAddress());
        this.executions = new ExecutionLimits(limits.executionsPerGraph(), limits.executions(), refusals);
        this.filter = new HttpGuard(this, executionGraph);
    }

    /**
     * The filter that guards every HTTP route and the WebSocket upgrade; add it to the routing.
     *
     * @return the filter
     */
    public Filter httpFilter() {
        return filter;
    }

    /**
     * The limits on runs going at once.
     *
     * @return the execution limits
     */
    public ExecutionLimits executions() {
        return executions;
    }

    /**
     * The handshake headers of an admitted upgrade: selects the {@code flowcraft} subprotocol when
     * the client offered it (browsers that send their token as a subprotocol must offer it too).
     *
     * @param request the upgrade request's headers
     * @return the headers to add to the handshake response
     */
    public Optional<Headers> upgradeHeaders(Headers request) {
        if (!TokenTransport.subprotocols(request).contains(TokenTransport.SUBPROTOCOL)) {
            return Optional.empty();
        }
        WritableHeaders<?> h = WritableHeaders.create();
        h.set(TokenTransport.WS_PROTOCOL, TokenTransport.SUBPROTOCOL);
        return Optional.of(h);
    }

    /** What opening a WebSocket connection gave. */
    public sealed interface Admission {
        /**
         * Open: keep {@code access} with the connection and {@link #closed(ClientAccess)} it at the end.
         *
         * @param access the connection's standing
         */
        record Admitted(ClientAccess access) implements Admission {
        }

        /**
         * Not open: close the connection at once.
         *
         * @param code   the close code (1013: try again later; 1008: not authenticated)
         * @param reason the close reason
         */
        record Refused(int code, String reason) implements Admission {
        }
    }

    /**
     * Admits a WebSocket connection that just opened, on the thread that upgraded it: takes the
     * principal the HTTP filter authenticated and a connection slot.
     *
     * @param remote the peer's address
     * @return the connection's standing, or how to close it
     */
    public Admission admit(SocketAddress remote) {
        Principal who = upgrading.get();
        upgrading.remove();
        String address = HttpGuard.remote(remote);
        if (who == null) {
            if (authenticator.enabled()) {
                refusals.unauthenticated("GET /ws", address, "no authenticated upgrade");
                return new Admission.Refused(WsCloseCodes.VIOLATED_POLICY, "unauthorized");
            }
            who = Principal.anonymous();
        }
        Optional<String> full = connections.open(address);
        if (full.isPresent()) {
            refusals.tooManyConnections(address, full.get(), connections.limit(full.get()));
            return new Admission.Refused(WsCloseCodes.TRY_AGAIN_LATER, "too many connections; try again later");
        }
        return new Admission.Admitted(new ClientAccess(who, address, config.limits(), System.nanoTime()));
    }

    /**
     * Gives back a closed connection's slot. Call once per admitted connection.
     *
     * @param access the connection's standing
     */
    public void closed(ClientAccess access) {
        connections.closed(access.address());
    }

    /** What to do with an incoming message. */
    public sealed interface Verdict {
        /** Process it. */
        record Process() implements Verdict {
        }

        /**
         * Answer it with an error instead.
         *
         * @param refusal the error
         */
        record Refuse(Refusal refusal) implements Verdict {
        }

        /**
         * Close the connection (1008).
         *
         * @param reason the close reason
         */
        record Close(String reason) implements Verdict {
        }
    }

    /**
     * Spends one message of a connection's rate budget.
     *
     * @param connectionId the connection
     * @param access       its standing
     * @return whether to process the message, refuse it ({@code rate_limited}) or close the connection
     */
    public Verdict spend(String connectionId, ClientAccess access) {
        return switch (access.spend(System.nanoTime())) {
            case ClientAccess.Budget.Spent s -> new Verdict.Process();
            case ClientAccess.Budget.Over o -> {
                refusals.rateLimited(connectionId, o.first());
                Map<String, Object> details = Map.of("retryAfterMs", o.retryAfterMs(), "messagesPerSecond",
                        config.limits().messagesPerSecond(), "burst", config.limits().burst());
                yield new Verdict.Refuse(new Refusal(ErrorCode.RATE_LIMITED, "too many messages: at most "
                        + config.limits().messagesPerSecond() + " a second (bursts of " + config.limits().burst()
                        + "); this one was not processed, send it again in " + o.retryAfterMs() + " ms", details));
            }
            case ClientAccess.Budget.Flooding f -> {
                refusals.flooded(connectionId);
                yield new Verdict.Close("rate limit exceeded repeatedly");
            }
        };
    }

    /**
     * Whether a connection's role (and its token's graphs) allows a message.
     *
     * @param connectionId the connection
     * @param access       its standing
     * @param message      the message
     * @return the {@code unauthorized} error to answer, or empty to process it
     */
    public Optional<Refusal> permit(String connectionId, ClientAccess access, ClientMessage message) {
        Principal who = access.principal();
        Role needed = AccessPolicy.required(message.type());
        if (!who.role().includes(needed)) {
            refusals.forbidden("connection " + connectionId + " " + message.type(), who, needed.wire());
            return Optional.of(new Refusal(ErrorCode.UNAUTHORIZED, "your role '" + who.role().wire()
                    + "' may not send " + message.type() + ": it needs " + needed.wire()
                    + (needed == Role.OPERATOR ? "" : " or above"), Map.of("type", message.type(), "role",
                    who.role().wire(), "requiredRole", needed.wire())));
        }
        if (message instanceof ClientMessage.ExecuteDiagram run && run.graphId().isPresent()
                && !who.mayOpen(run.graphId().get())) {
            refusals.forbidden("connection " + connectionId + " " + message.type(), who, "graph " + run.graphId().get());
            return Optional.of(new Refusal(ErrorCode.UNAUTHORIZED, "your token does not allow graph '"
                    + run.graphId().get() + "'", Map.of("type", message.type(), "graphId", run.graphId().get())));
        }
        return Optional.empty();
    }

    FlowcraftConfig.Security config() {
        return config;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    Refusals refusals() {
        return refusals;
    }

    Optional<String> connectionsFull(String address) {
        return connections.full(address);
    }

    /** Hands an admitted upgrade's principal to {@link #admit} on this thread; {@code null} forgets it. */
    void upgrading(Principal who) {
        if (who == null) {
            upgrading.remove();
        } else {
            upgrading.set(who);
        }
    }
}
