package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts protocol invariant violations and keeps the first few descriptions for the report. */
final class Violations {

    private static final int KEPT = 5;

    private final AtomicLong count = new AtomicLong();
    private final List<String> first = new ArrayList<>();

    /** Records one violation. */
    void add(String description) {
        count.incrementAndGet();
        synchronized (first) {
            if (first.size() < KEPT) {
                first.add(description);
            }
        }
    }

    /** Number of violations recorded. */
    long count() {
        return count.get();
    }

    /** The first few descriptions, with a count of the rest. */
    List<String> descriptions() {
        synchronized (first) {
            List<String> out = new ArrayList<>(first);
            long more = count.get() - first.size();
            if (more > 0) {
                out.add("... and " + more + " more violation(s)");
            }
            return out;
        }
    }
}
