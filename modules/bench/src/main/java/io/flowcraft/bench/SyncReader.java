package io.flowcraft.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The invariant checks of one passive reader of a graph. The first {@code sync_graph} it receives
 * is its initial state; after that, every {@code sync_graph} must carry exactly the previous version
 * plus one (a gap, a repeat or a step back is a violation), and a reader that never sends anything
 * must never receive a {@code version_mismatch}, an {@code error} or a message without a type.
 * Each new version is reported to the {@link VersionTracker}. Messages arrive one at a time.
 */
final class SyncReader {

    private final String name;
    private final VersionTracker tracker;
    private final Violations violations;
    private final AtomicLong last = new AtomicLong(-1);
    private final CompletableFuture<Long> initial = new CompletableFuture<>();

    /**
     * @param name       the reader's name, for violation messages
     * @param tracker    where new versions are reported
     * @param violations where violations are recorded
     */
    SyncReader(String name, VersionTracker tracker, Violations violations) {
        this.name = name;
        this.tracker = tracker;
        this.violations = violations;
    }

    /** The reader's name. */
    String name() {
        return name;
    }

    /** The highest version received, {@code -1} before the initial snapshot. */
    long version() {
        return last.get();
    }

    /** Completes with the version of the initial snapshot. */
    CompletableFuture<Long> initial() {
        return initial;
    }

    /** Checks one received message. */
    void onFrame(Frame frame) {
        if (frame.isSnapshot()) {
            long v = frame.version();
            long previous = last.get();
            if (previous < 0) {
                last.set(v);
                initial.complete(v);
                return;
            }
            if (v != previous + 1) {
                violations.add(name + " received version " + v + " after " + previous);
            }
            if (v > previous) {
                last.set(v);
                tracker.arrived(v, frame.receivedNanos());
            }
        } else if (frame.isMismatch() || frame.isError() || frame.type() == null) {
            violations.add(name + " (a passive reader) received an unexpected message: "
                    + (frame.text() == null ? frame.type() + "/" + frame.error() : Frame.abbreviate(frame.text())));
        }
    }
}
