package io.flowcraft.server.security;

/**
 * What checking a request's token gave.
 */
public sealed interface Authentication {
    /**
     * A valid token (or no authentication configured).
     *
     * @param principal who sent the request
     */
    record Accepted(Principal principal) implements Authentication {
    }

    /** No token came with the request. */
    record Missing() implements Authentication {
    }

    /**
     * A token came and is not accepted.
     *
     * @param reason why, for the client (never the token itself)
     */
    record Refused(String reason) implements Authentication {
    }
}
