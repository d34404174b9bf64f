package io.flowcraft.bench;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks, for each graph version, how many readers have received it and when the last of them did,
 * so a writer can wait until a broadcast has reached everyone.
 */
final class VersionTracker {

    private final int readers;
    private final ConcurrentMap<Long, Arrivals> versions = new ConcurrentHashMap<>();

    /** @param readers how many readers make a version complete */
    VersionTracker(int readers) {
        this.readers = readers;
    }

    /** Records that one reader received {@code version} at {@code nanos}. */
    void arrived(long version, long nanos) {
        Arrivals a = versions.computeIfAbsent(version, v -> new Arrivals());
        a.last.accumulateAndGet(nanos, Math::max);
        if (a.count.incrementAndGet() == readers) {
            a.complete.complete(a.last.get());
        }
    }

    /**
     * Waits until every reader has received {@code version}.
     *
     * @return the {@link System#nanoTime()} at which the last reader received it
     * @throws TimeoutException when that does not happen in time
     */
    long awaitAll(long version, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return versions.computeIfAbsent(version, v -> new Arrivals()).complete
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When the last reader received {@code version}; empty while not every reader has. */
    OptionalLong lastArrival(long version) {
        Arrivals a = versions.get(version);
        return a == null || !a.complete.isDone() ? OptionalLong.empty() : OptionalLong.of(a.complete.join());
    }

    /** How many readers have received {@code version}. */
    int count(long version) {
        Arrivals a = versions.get(version);
        return a == null ? 0 : a.count.get();
    }

    private static final class Arrivals {
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        private final CompletableFuture<Long> complete = new CompletableFuture<>();
    }
}
