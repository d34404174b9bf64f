package io.flowcraft.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The send schedule of an open-loop load: slot {@code i} is due at {@code start + i * period},
 * whatever happened to the previous sends. Latencies are measured from a slot's due time rather than
 * from the moment the send actually happened, so that a send held up by a slow answer to the
 * previous one is charged to the server instead of hiding it (no coordinated omission).
 */
final class Pacer {

    private final long startNanos;
    private final long periodNanos;

    /**
     * @param startNanos  when slot 0 is due ({@link System#nanoTime()} scale)
     * @param periodNanos the time between slots, positive
     */
    Pacer(long startNanos, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        this.startNanos = startNanos;
        this.periodNanos = periodNanos;
    }

    /** A pacer for {@code perSecond} sends per second starting at {@code startNanos}. */
    static Pacer perSecond(long startNanos, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        return new Pacer(startNanos, Math.round(1e9 / perSecond));
    }

    /** The time between slots. */
    long periodNanos() {
        return periodNanos;
    }

    /** When slot {@code i} is due. */
    long due(int i) {
        return startNanos + i * periodNanos;
    }

    /** How many slots are due within {@code windowNanos} of the start (slot 0 included). */
    int slotsWithin(long windowNanos) {
        return windowNanos < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, windowNanos / periodNanos + 1);
    }

    /**
     * How late a send made at {@code nowNanos} is for slot {@code i}: 0 when on time or early.
     */
    long lag(int i, long nowNanos) {
        return Math.max(0, nowNanos - due(i));
    }

    /**
     * Waits until slot {@code i} is due (returns at once when it is already past).
     *
     * @return how late the caller is for the slot, in nanoseconds (0 when it had to wait)
     */
    long awaitSlot(int i) throws InterruptedException {
        long due = due(i);
        long now = System.nanoTime();
        if (now >= due) {
            return lag(i, now);
        }
        while (now < due) {
            LockSupport.parkNanos(due - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            now = System.nanoTime();
        }
        return 0;
    }
}
