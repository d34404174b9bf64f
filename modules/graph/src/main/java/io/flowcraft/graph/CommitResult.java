package io.flowcraft.graph;

import io.flowcraft.api.protocol.Problem;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a write to the store. Only {@link Accepted} changed anything.
 */
public sealed interface CommitResult {
    /**
     * Stored durably as a new version; listeners have been told.
     *
     * @param commit the new version
     */
    record Accepted(Commit commit) implements CommitResult {
        /** @throws NullPointerException if commit is null */
        public Accepted {
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * The base version was not the current one; nothing changed.
     *
     * @param current the authoritative state
     */
    record VersionMismatch(GraphState current) implements CommitResult {
        /** @throws NullPointerException if current is null */
        public VersionMismatch {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The graph is invalid; nothing changed.
     *
     * @param problems every problem found, not empty
     */
    record Invalid(List<Problem> problems) implements CommitResult {
        /** Copies the list. */
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The graph is over the configured size limits; nothing changed.
     *
     * @param message which limit, and by how much
     * @param limits  the limits in force
     */
    record TooLarge(String message, GraphLimits limits) implements CommitResult {
        /** @throws NullPointerException if a component is null */
        public TooLarge {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(limits, "limits");
        }
    }

    /**
     * A patch whose base is older than the current version touches what a change accepted since
     * its base touched (or its base is older than the history kept); nothing changed.
     *
     * @param baseVersion the patch's base version
     * @param version     the current version
     * @param conflicts   what both changed
     * @param since       the operations accepted after the base, to rebase on; empty with
     *                    {@code resync} when the history no longer has them
     * @param resync      {@code true} when the client must reload the whole graph
     */
    record Rejected(long baseVersion, long version, List<Conflict> conflicts, List<VersionOps> since,
                    boolean resync) implements CommitResult {
        /** Copies the lists. */
        public Rejected {
            conflicts = List.copyOf(conflicts);
            since = List.copyOf(since);
        }
    }

    /**
     * The version asked for (for a rollback) is not in the history; nothing changed.
     *
     * @param version the version asked for
     * @param message why it is not available
     */
    record UnknownVersion(long version, String message) implements CommitResult {
    }
}
