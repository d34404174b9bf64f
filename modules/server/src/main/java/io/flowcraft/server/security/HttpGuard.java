package io.flowcraft.server.security;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Guards every HTTP request, the WebSocket upgrade of {@code /ws} included (Helidon routes upgrades
 * through the HTTP filters), by its {@link AccessPolicy} rule: a missing or refused token gets 401,
 * a role or graph the token does not allow gets 403, both as
 * {@code {"error": {"code": "unauthorized", "message", …}}}; an upgrade over the connection limit
 * gets 503. An admitted upgrade hands its principal to the WebSocket listener. Thread-safe.
 */
final class HttpGuard implements Filter {
    private final ServerGuard guard;
    private final Function<String, Optional<String>> executionGraph;

    HttpGuard(ServerGuard guard, Function<String, Optional<String>> executionGraph) {
        this.guard = guard;
        this.executionGraph = executionGraph;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        AccessPolicy.Rule rule = AccessPolicy.rule(req.prologue().method().text(), path);
        String where = req.prologue().method().text() + " " + path;
        String remote = remote(req.remotePeer().address());
        boolean socket = rule.scope() == AccessPolicy.Scope.SOCKET_GRAPH;
        if (socket) {
            guard.upgrading(null); // nothing left from an earlier request on this connection's thread
        }
        Optional<String> token = TokenTransport.find(req.headers(),
                socket ? req.query().first("token").asOptional() : Optional.empty());
        Authenticator auth = guard.authenticator();
        switch (rule.access()) {
            case PUBLIC -> {
                chain.proceed();
                return;
            }
            case HEALTH -> {
                if (guard.config().publicHealth() || !auth.enabled()) {
                    chain.proceed();
                    return;
                }
            }
            case METRICS -> {
                Optional<String> expected = auth.metricsToken();
                if (expected.isEmpty() || token.map(t -> Authenticator.same(t, expected.get())).orElse(false)) {
                    chain.proceed();
                    return;
                }
                if (!auth.enabled()) {
                    refuse(res, where, remote, "the metrics token is missing or wrong", token.isPresent());
                    return;
                }
            }
            case TOKEN -> {
            }
        }
        Principal who;
        switch (auth.authenticate(token)) {
            case Authentication.Missing m -> {
                refuse(res, where, remote, "this server needs a token: send it as Authorization: Bearer TOKEN", false);
                return;
            }
            case Authentication.Refused r -> {
                refuse(res, where, remote, r.reason(), true);
                return;
            }
            case Authentication.Accepted a -> who = a.principal();
        }
        if (!who.role().includes(rule.role())) {
            forbid(res, where, who, rule.role().wire() + " or above", "your role '" + who.role().wire()
                    + "' may not " + where + ": it needs " + rule.role().wire() + " or above");
            return;
        }
        Optional<String> graph = graph(rule, req, path);
        boolean allowed = who.graphs().isEmpty() || graph.map(who::mayOpen).orElse(rule.scope() == AccessPolicy.Scope.NONE
                || rule.scope() == AccessPolicy.Scope.EXECUTION);
        if (!allowed) {
            forbid(res, where, who, "a token for " + graph.map(g -> "graph '" + g + "'").orElse("every graph"),
                    "your token is limited to the graphs " + who.graphs().get() + graph.map(g -> " and not '" + g + "'")
                            .orElse("; name one (graphId=…)"));
            return;
        }
        if (socket) {
            Optional<String> full = guard.connectionsFull(remote);
            if (full.isPresent()) {
                res.status(Status.SERVICE_UNAVAILABLE_503);
                res.header(HeaderNames.RETRY_AFTER, "5");
                send(res, error("too_many_connections", "too many WebSocket connections are open (per " + full.get()
                        + "); try again later"));
                return;
            }
            guard.upgrading(who);
        }
        chain.proceed();
    }

    private Optional<String> graph(AccessPolicy.Rule rule, RoutingRequest req, String path) {
        return switch (rule.scope()) {
            case NONE, ALL_GRAPHS -> Optional.empty();
            case PATH_GRAPH -> rule.parameter(path, "id");
            case QUERY_GRAPH -> req.query().first("graphId").asOptional();
            case SOCKET_GRAPH -> Optional.of(req.query().first("graph").orElse("default"));
            case EXECUTION -> rule.parameter(path, "id").flatMap(executionGraph);
        };
    }

    private void refuse(RoutingResponse res, String where, String remote, String reason, boolean tokenGiven) {
        guard.refusals().unauthenticated(where, remote, reason);
        res.status(Status.UNAUTHORIZED_401);
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"flowcraft\"" + (tokenGiven ? ", error=\"invalid_token\"" : ""));
        send(res, error("unauthorized", reason));
    }

    private void forbid(RoutingResponse res, String where, Principal who, String needed, String message) {
        guard.refusals().forbidden(where, who, needed);
        res.status(Status.FORBIDDEN_403);
        send(res, error("unauthorized", message).add("role", who.role().wire()));
    }

    private static JsonObjectBuilder error(String code, String message) {
        return Json.createObjectBuilder().add("code", code).add("message", message);
    }

    private static void send(RoutingResponse res, JsonObjectBuilder error) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.createObjectBuilder().add("error", error).build().toString().getBytes(StandardCharsets.UTF_8));
    }

    static String remote(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
