package io.flowcraft.server.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who sent a request: the token's name (a static token's configured name, a signed token's
 * {@code sub}), its role, and the graphs it is limited to (empty: every graph).
 *
 * @param name   who it is, for logs
 * @param role   what it may do
 * @param graphs the only graphs it may open, or empty for all
 */
public record Principal(String name, Role role, Optional<Set<String>> graphs) {
    /** Checks and copies the components. */
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        graphs = graphs.map(Set::copyOf);
    }

    /**
     * Everyone, when authentication is off: an operator of every graph.
     *
     * @return the anonymous principal
     */
    public static Principal anonymous() {
        return new Principal("anonymous", Role.OPERATOR, Optional.empty());
    }

    /**
     * Whether this principal may read or change a graph.
     *
     * @param graphId the graph
     * @return {@code true} unless its token is limited to other graphs
     */
    public boolean mayOpen(String graphId) {
        return graphs.map(g -> g.contains(graphId)).orElse(true);
    }
}
