package io.flowcraft.graph;

import java.util.regex.Pattern;

/**
 * The rule for graph ids: {@code [A-Za-z0-9_-]{1,64}}.
 */
public final class GraphIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The graph a connection without {@code ?graph=} joins. */
    public static final String DEFAULT = "default";

    private GraphIds() {
    }

    /**
     * Whether {@code id} is a valid graph id.
     *
     * @param id a candidate id, may be {@code null}
     * @return {@code true} if valid
     */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * Checks an id.
     *
     * @param id a candidate id
     * @return the id
     * @throws IllegalArgumentException naming the rule, if invalid
     */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("graph id must match [A-Za-z0-9_-]{1,64}");
        }
        return id;
    }
}
