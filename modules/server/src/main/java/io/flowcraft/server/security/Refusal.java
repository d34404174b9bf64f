package io.flowcraft.server.security;

import io.flowcraft.api.protocol.ErrorCode;

import java.util.Map;
import java.util.Objects;

/**
 * Why a WebSocket message is not processed, as the {@code error} the sender gets.
 *
 * @param code    the error code
 * @param message a sentence the person can act on
 * @param details what the client needs to react (the limit, the role needed, when to retry…)
 */
public record Refusal(ErrorCode code, String message, Map<String, Object> details) {
    /** Checks and copies the components. */
    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }
}
