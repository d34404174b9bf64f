package io.flowcraft.server.ws;

import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;

import java.util.Map;
import java.util.Optional;

/**
 * A decoded client frame: a typed request, or the error to answer it with.
 */
public sealed interface Inbound {
    /**
     * The request's correlation id, if it had a valid one.
     *
     * @return the correlation id
     */
    Optional<String> correlationId();

    /**
     * A valid request.
     *
     * @param message       the typed message
     * @param correlationId its correlation id
     */
    record Request(ClientMessage message, Optional<String> correlationId) implements Inbound {
    }

    /**
     * A bad frame and the error it gets.
     *
     * @param code          the error code
     * @param message       the sentence for the client
     * @param details       the details, possibly empty
     * @param correlationId its correlation id, if readable
     */
    record Bad(ErrorCode code, String message, Map<String, Object> details, Optional<String> correlationId)
            implements Inbound {
    }
}
