package io.flowcraft.server.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * Who may do what: the role each client message type needs, and the access rule of each HTTP
 * route. A message type or route missing here needs an {@link Role#OPERATOR} (nothing is left open
 * by omission), and the tests fail until it is listed. See {@code docs/protocol.md}, Authentication.
 */
public final class AccessPolicy {
    /** The role each client → server message type needs. */
    public static final Map<String, Role> MESSAGES = Map.ofEntries(
            entry("hello", Role.VIEWER),
            entry("sync_graph", Role.EDITOR),
            entry("patch_graph", Role.EDITOR),
            entry("execute_action", Role.EDITOR),
            entry("presence", Role.EDITOR),
            entry("broadcast_event", Role.EDITOR),
            entry("execute_diagram", Role.OPERATOR),
            entry("pause_execution", Role.OPERATOR),
            entry("resume_execution", Role.OPERATOR),
            entry("cancel_execution", Role.OPERATOR),
            entry("user_response", Role.OPERATOR));

    /** Every HTTP route (and the WebSocket upgrade) with what it needs. */
    public static final List<Rule> ROUTES = List.of(
            Rule.open("GET", "/"),
            Rule.open("GET", "/index.html"),
            Rule.open("GET", "/graphs/*"),
            Rule.open("GET", "/assets/*"),
            Rule.open("GET", "/favicon.svg"),
            new Rule("GET", "/health/*", Access.HEALTH, Role.VIEWER, Scope.NONE),
            new Rule("GET", "/metrics/*", Access.METRICS, Role.OPERATOR, Scope.NONE),
            Rule.token("GET", "/ws", Role.VIEWER, Scope.SOCKET_GRAPH),
            Rule.token("GET", "/api/graphs", Role.VIEWER, Scope.ALL_GRAPHS),
            Rule.token("GET", "/api/graphs/{id}", Role.VIEWER, Scope.PATH_GRAPH),
            Rule.token("GET", "/api/graphs/{id}/versions", Role.VIEWER, Scope.PATH_GRAPH),
            Rule.token("GET", "/api/graphs/{id}/versions/{version}", Role.VIEWER, Scope.PATH_GRAPH),
            Rule.token("POST", "/api/graphs/{id}/rollback", Role.EDITOR, Scope.PATH_GRAPH),
            Rule.token("POST", "/api/graphs/{id}/import", Role.EDITOR, Scope.PATH_GRAPH),
            Rule.token("POST", "/api/diagrams/import", Role.EDITOR, Scope.NONE),
            Rule.token("GET", "/api/executions", Role.VIEWER, Scope.QUERY_GRAPH),
            Rule.token("GET", "/api/executions/{id}", Role.VIEWER, Scope.EXECUTION),
            Rule.token("GET", "/api/node-types", Role.VIEWER, Scope.NONE),
            Rule.token("GET", "/api/actions", Role.VIEWER, Scope.NONE),
            Rule.token("GET", "/api/plugins", Role.OPERATOR, Scope.NONE),
            Rule.token("GET", "/api/providers", Role.OPERATOR, Scope.NONE),
            Rule.token("GET", "/api/providers/{id}", Role.OPERATOR, Scope.NONE));

    /** What a request no rule matches needs. */
    static final Rule UNLISTED = Rule.token("*", "*", Role.OPERATOR, Scope.ALL_GRAPHS);

    private AccessPolicy() {
    }

    /** How a route is guarded. */
    public enum Access {
        /** Anyone (the editor's page and files). */
        PUBLIC,
        /** Anyone while {@code flowcraft.auth.public-health} is true, else a token. */
        HEALTH,
        /** Anyone unless {@code flowcraft.metrics.token} is set, then that token or an operator's. */
        METRICS,
        /** A valid token of the rule's role or above. */
        TOKEN
    }

    /** Which graph a request reads or changes, for tokens limited to some graphs. */
    public enum Scope {
        /** No graph's content. */
        NONE,
        /** The graph in the path ({@code {id}}). */
        PATH_GRAPH,
        /** The graph in the {@code graphId} query parameter; without it, every graph. */
        QUERY_GRAPH,
        /** The graph in the WebSocket's {@code graph} query parameter ({@code default} without it). */
        SOCKET_GRAPH,
        /** The graph of the execution in the path ({@code {id}}). */
        EXECUTION,
        /** Every graph. */
        ALL_GRAPHS
    }

    /**
     * One route's rule.
     *
     * @param method the HTTP method ({@code HEAD} is allowed wherever {@code GET} is)
     * @param path   the path: {@code {name}} matches one segment, a final {@code *} any rest (or none)
     * @param access how it is guarded
     * @param role   the role a token needs ({@link Access#TOKEN}, and {@link Access#HEALTH} when not public)
     * @param scope  which graph it touches
     */
    public record Rule(String method, String path, Access access, Role role, Scope scope) {
        /** Checks the components. */
        public Rule {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(scope, "scope");
        }

        static Rule open(String method, String path) {
            return new Rule(method, path, Access.PUBLIC, Role.VIEWER, Scope.NONE);
        }

        static Rule token(String method, String path, Role role, Scope scope) {
            return new Rule(method, path, Access.TOKEN, role, scope);
        }

        /**
         * The value of a {@code {name}} segment in a path this rule matches.
         *
         * @param requestPath the request's path
         * @param name        the segment's name
         * @return its value
         */
        public Optional<String> parameter(String requestPath, String name) {
            String[] p = path.split("/", -1);
            String[] r = requestPath.split("/", -1);
            for (int i = 0; i < p.length && i < r.length; i++) {
                if (p[i].equals("{" + name + "}")) {
                    return Optional.of(r[i]);
                }
            }
            return Optional.empty();
        }

        boolean matches(String requestMethod, String requestPath) {
            boolean method = this.method.equals(requestMethod)
                    || this.method.equals("GET") && requestMethod.equals("HEAD");
            return method && matches(path.split("/", -1), requestPath.split("/", -1));
        }

        private static boolean matches(String[] pattern, String[] actual) {
            for (int i = 0; i < pattern.length; i++) {
                if (pattern[i].equals("*") && i == pattern.length - 1) {
                    return actual.length >= i;
                }
                if (i >= actual.length) {
                    return false;
                }
                boolean param = pattern[i].startsWith("{") && pattern[i].endsWith("}") && !actual[i].isEmpty();
                if (!param && !pattern[i].equals(actual[i])) {
                    return false;
                }
            }
            return pattern.length == actual.length;
        }
    }

    /**
     * The rule for a request. Paths with empty, {@code .} or {@code ..} segments match no rule
     * (so they can never reach a public one).
     *
     * @param method the request's method
     * @param path   the request's decoded path
     * @return its rule, or {@link #UNLISTED}
     */
    public static Rule rule(String method, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!trimmed.startsWith("/") || trimmed.contains("//") || trimmed.contains("/./") || trimmed.contains("/../")
                || trimmed.endsWith("/.") || trimmed.endsWith("/..") || trimmed.contains("\\")) {
            return UNLISTED;
        }
        for (Rule r : ROUTES) {
            if (r.matches(method, trimmed)) {
                return r;
            }
        }
        return UNLISTED;
    }

    /**
     * The role a client message type needs.
     *
     * @param type the message type
     * @return its role; {@link Role#OPERATOR} for a type not listed
     */
    public static Role required(String type) {
        return MESSAGES.getOrDefault(type, Role.OPERATOR);
    }
}
