package io.flowcraft.server.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token lets its holder do. Each role includes the ones before it: a {@link #VIEWER}
 * receives (joins graphs, gets snapshots and broadcasts, reads the HTTP API), an {@link #EDITOR}
 * also changes graphs (sync, patch, actions, presence, imports, rollback), an {@link #OPERATOR} also
 * runs and controls diagrams and sees the plugin and provider administration routes.
 */
public enum Role {
    /** Receive only. */
    VIEWER,
    /** Viewer, and change graphs. */
    EDITOR,
    /** Editor, and run diagrams and administer plugins and providers. */
    OPERATOR;

    /**
     * The role's name in configuration, tokens and messages.
     *
     * @return {@code viewer}, {@code editor} or {@code operator}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this role may do what {@code needed} may.
     *
     * @param needed the role an action needs
     * @return {@code true} if this role is {@code needed} or above it
     */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /**
     * Reads a role name, ignoring case.
     *
     * @param name {@code viewer}, {@code editor} or {@code operator}
     * @return the role, or empty for any other text
     */
    public static Optional<Role> parse(String name) {
        for (Role r : values()) {
            if (r.wire().equalsIgnoreCase(name.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
