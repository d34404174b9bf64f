package io.flowcraft.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asked for a change, recorded in the history and passed to commit listeners.
 *
 * @param author    the author: a connection id, a user, or {@code http}
 * @param requestId the id of the request that caused the change (a protocol correlation id),
 *                  echoed to listeners so the requester can match its acknowledgement
 */
public record CommitOrigin(String author, Optional<String> requestId) {
    /** @throws NullPointerException if a component is null */
    public CommitOrigin {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * An origin without a request id.
     *
     * @param author the author
     * @return the origin
     */
    public static CommitOrigin of(String author) {
        return new CommitOrigin(author, Optional.empty());
    }
}
