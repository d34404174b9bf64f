package io.flowcraft.bench;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What one client saw of one execution: how many events of each kind, a fingerprint of their
 * order (type and node of each, hashed in sequence), whether a node completed without having
 * started, and events after the terminal one. Two clients that saw the same events in the same
 * order have equal {@link #events()} and {@link #fingerprint()}. Thread-safe.
 */
final class ExecTrace {
    private final String executionId;
    private final CompletableFuture<ExecTrace> done = new CompletableFuture<>();
    private final Set<String> running = new HashSet<>();
    private long fingerprint = 17;
    private int events;
    private int started;
    private int completed;
    private int skipped;
    private int completedUnstarted;
    private int afterTerminal;
    private String terminalType;
    private long terminalNanos;
    private long durationMs = -1;

    ExecTrace(String executionId) {
        this.executionId = executionId;
    }

    /** Adds the next event of this execution. */
    synchronized void add(ExecEvent e) {
        if (terminalType != null) {
            afterTerminal++;
            return;
        }
        events++;
        fingerprint = fingerprint * 1_000_003L + e.type().hashCode() * 31L + (e.nodeId() == null ? 0 : e.nodeId().hashCode());
        switch (e.type()) {
            case "node_started" -> {
                started++;
                running.add(e.nodeId());
            }
            case "node_completed" -> {
                completed++;
                if (!running.remove(e.nodeId())) {
                    completedUnstarted++;
                }
            }
            case "node_skipped" -> skipped++;
            default -> {
                if (e.terminal()) {
                    terminalType = e.type();
                    terminalNanos = e.receivedNanos();
                    durationMs = e.durationMs();
                }
            }
        }
        if (terminalType != null) {
            done.complete(this);
        }
    }

    /** Completes when the terminal event has arrived. */
    CompletableFuture<ExecTrace> done() {
        return done;
    }

    String executionId() {
        return executionId;
    }

    synchronized long fingerprint() {
        return fingerprint;
    }

    synchronized int events() {
        return events;
    }

    synchronized int started() {
        return started;
    }

    synchronized int completed() {
        return completed;
    }

    synchronized int skipped() {
        return skipped;
    }

    synchronized int completedUnstarted() {
        return completedUnstarted;
    }

    synchronized int afterTerminal() {
        return afterTerminal;
    }

    /** The terminal event's type, or {@code null} before it. */
    synchronized String terminalType() {
        return terminalType;
    }

    /** When the terminal event arrived ({@link System#nanoTime()}). */
    synchronized long terminalNanos() {
        return terminalNanos;
    }

    /** The terminal event's {@code durationMs} (the server's measure of the run), or {@code -1}. */
    synchronized long durationMs() {
        return durationMs;
    }
}
