package io.flowcraft.server.security;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Every refusal made by authentication and the limits passes through one method here, one per
 * kind, so that each is counted (metrics: what refused it, see {@link #Refusals(Consumer)}) and
 * logged in one place. Log lines name who and what (remote address, path without its query,
 * connection id, role), never a token. Thread-safe.
 */
public final class Refusals {
    private static final System.Logger LOG = System.getLogger(Refusals.class.getName());

    private final Consumer<String> counted;

    /**
     * Creates the refusals, counting each by what refused it: {@code unauthenticated},
     * {@code forbidden}, {@code rate}, {@code flood}, {@code connections}, {@code executions}.
     *
     * @param counted told what refused each request; must be quick and must not throw
     */
    public Refusals(Consumer<String> counted) {
        this.counted = counted;
    }

    /**
     * A request without a valid token: HTTP 401, or the WebSocket upgrade refused with 401.
     *
     * @param where  the method and path
     * @param remote the remote address
     * @param reason why (missing, expired, bad signature…)
     */
    public void unauthenticated(String where, String remote, String reason) {
        counted.accept("unauthenticated");
        LOG.log(Level.INFO, "refused " + where + " from " + remote + ": " + reason);
    }

    /**
     * A valid token whose role or graphs do not allow the request: HTTP 403, or an
     * {@code unauthorized} error for a WebSocket message.
     *
     * @param where     the method and path, or the connection and message type
     * @param principal who asked
     * @param needed    what it needed
     */
    public void forbidden(String where, Principal principal, String needed) {
        counted.accept("forbidden");
        LOG.log(Level.INFO, "refused " + where + " to " + principal.name() + " (" + principal.role().wire() + "): needs "
                + needed);
    }

    /**
     * A message over the connection's rate: answered {@code rate_limited}, not processed.
     *
     * @param connectionId the connection
     * @param first        whether it is the first refusal of a burst (only those are logged)
     */
    public void rateLimited(String connectionId, boolean first) {
        counted.accept("rate");
        if (first) {
            LOG.log(Level.INFO, "connection " + connectionId + " is over its message rate; its messages are refused");
        }
    }

    /**
     * A connection that kept sending far over its rate: closed with 1008.
     *
     * @param connectionId the connection
     */
    public void flooded(String connectionId) {
        counted.accept("flood");
        LOG.log(Level.WARNING, "closing connection " + connectionId + ": it kept sending over its message rate");
    }

    /**
     * A WebSocket connection over the server's or an address's limit: HTTP 503 or close 1013.
     *
     * @param remote the remote address
     * @param scope  {@code server} or {@code address}
     * @param limit  the limit
     */
    public void tooManyConnections(String remote, String scope, int limit) {
        counted.accept("connections");
        LOG.log(Level.WARNING, "refused a WebSocket connection from " + remote + ": " + limit + " connections per "
                + scope + " are open");
    }

    /**
     * An {@code execute_diagram} over the graph's or the server's limit of runs going at once.
     *
     * @param graphId the graph that would have watched the run
     * @param scope   {@code graph} or {@code server}
     * @param limit   the limit
     */
    public void tooManyExecutions(String graphId, String scope, int limit) {
        counted.accept("executions");
        LOG.log(Level.INFO, "refused a run for graph " + graphId + ": " + limit + " runs per " + scope + " are going");
    }
}
