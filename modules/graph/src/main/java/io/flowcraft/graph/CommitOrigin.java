package io.flowcraft.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asked for a change, recorded in the history and passed to commit listeners.
 *
 * @param author    the author: a connection id, a user, or {@code http}
 * @param requestId the id of the request that caused the change (a protocol correlation id),
 *                  echoed to listeners so the requester can match its acknowledgement
 * @param authorName the author's display name, when known (a collaborator's presence name),
 *                  shown in the history beside {@code author}
 */
public record CommitOrigin(String author, Optional<String> requestId, Optional<String> authorName) {
    /** @throws NullPointerException if a component is null */
    public CommitOrigin {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(authorName, "authorName");
    }

    /**
     * An origin without a display name.
     *
     * @param author    the author
     * @param requestId the request id
     */
    public CommitOrigin(String author, Optional<String> requestId) {
        this(author, requestId, Optional.empty());
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
