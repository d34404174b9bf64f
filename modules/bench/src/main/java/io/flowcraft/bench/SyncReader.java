package io.flowcraft.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The invariant checks of one passive reader of a graph. The first message with a version must be
 * a {@code sync_graph}: the reader's initial state. After that, every change must carry exactly the
 * previous version plus one (a gap, a repeat or a step back is a violation) and must come in the
 * reader's format: a {@code sync_graph} snapshot for a legacy reader, a {@code graph_patch} for a
 * patch reader (one that connected with {@code ?protocol=2}); the other format is a violation too.
 * A reader that never sends anything must never receive a {@code version_mismatch}, a
 * {@code patch_rejected}, an {@code error} or a message without a type. Each new version is
 * reported to the {@link VersionTracker}. Messages arrive one at a time.
 */
final class SyncReader {

    private final String name;
    private final VersionTracker tracker;
    private final Violations violations;
    private final boolean patches;
    private final AtomicLong last = new AtomicLong(-1);
    private final CompletableFuture<Long> initial = new CompletableFuture<>();
    private volatile long initialNanos = -1;
    private volatile long lastNanos = -1;

    /**
     * A legacy reader (receives {@code sync_graph} snapshots).
     *
     * @param name       the reader's name, for violation messages
     * @param tracker    where new versions are reported
     * @param violations where violations are recorded
     */
    SyncReader(String name, VersionTracker tracker, Violations violations) {
        this(name, tracker, violations, false);
    }

    /**
     * @param name       the reader's name, for violation messages
     * @param tracker    where new versions are reported
     * @param violations where violations are recorded
     * @param patches    whether the reader asked for {@code graph_patch} messages
     */
    SyncReader(String name, VersionTracker tracker, Violations violations, boolean patches) {
        this.name = name;
        this.tracker = tracker;
        this.violations = violations;
        this.patches = patches;
    }

    /**
     * A patch reader that resumes at {@code since} (it connected with {@code ?since=}): it holds
     * that version already, so the changes after it must follow as {@code graph_patch}es, in order.
     *
     * @param name       the reader's name, for violation messages
     * @param tracker    where new versions are reported
     * @param violations where violations are recorded
     * @param since      the version it holds
     */
    static SyncReader resuming(String name, VersionTracker tracker, Violations violations, long since) {
        SyncReader reader = new SyncReader(name, tracker, violations, true);
        reader.last.set(since);
        reader.initial.complete(since);
        return reader;
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

    /** When the initial snapshot had been received completely ({@link System#nanoTime()}), {@code -1} before. */
    long initialNanos() {
        return initialNanos;
    }

    /** Checks one received message. */
    void onFrame(Frame frame) {
        if (frame.isSnapshot()) {
            if (last.get() < 0) {
                last.set(frame.version());
                initialNanos = frame.receivedNanos();
                initial.complete(frame.version());
                return;
            }
            if (patches) {
                violations.add(name + " (a patch reader) received a full sync_graph (version " + frame.version()
                        + ") instead of a graph_patch");
            }
            advance(frame);
        } else if (frame.isPatch()) {
            if (!patches) {
                violations.add(name + " (a legacy reader) received a graph_patch (version " + frame.version()
                        + ") instead of a sync_graph");
            }
            if (last.get() < 0) {
                violations.add(name + " received a graph_patch (version " + frame.version()
                        + ") before its initial sync_graph");
                return;
            }
            advance(frame);
        } else if (frame.isMismatch() || frame.isPatchRejected() || frame.isError() || frame.type() == null) {
            violations.add(name + " (a passive reader) received an unexpected message: "
                    + (frame.text() == null ? frame.type() + "/" + frame.error() : Frame.abbreviate(frame.text())));
        }
    }

    /** When the highest version arrived ({@link System#nanoTime()}), {@code -1} before any change. */
    long lastNanos() {
        return lastNanos;
    }

    private void advance(Frame frame) {
        long v = frame.version();
        long previous = last.get();
        if (v != previous + 1) {
            violations.add(name + " received version " + v + " after " + previous);
        }
        if (v > previous) {
            lastNanos = frame.receivedNanos();
            last.set(v);
            tracker.arrived(v, frame.receivedNanos());
        }
    }
}
