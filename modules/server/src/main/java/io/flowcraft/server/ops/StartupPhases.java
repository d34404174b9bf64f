package io.flowcraft.server.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long each part of the server's start took, for the one log line that says where a slow
 * start went ({@code started in 512 ms: json 40, store 30, ...}). Not thread-safe: the starting
 * thread alone marks phases.
 */
public final class StartupPhases {
    private final List<String> names = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private final long start;
    private long last;

    /** Starts timing now. */
    public StartupPhases() {
        start = System.nanoTime();
        last = start;
    }

    /**
     * Milliseconds from the start to the last mark.
     *
     * @return the total
     */
    public long total() {
        return TimeUnit.NANOSECONDS.toMillis(last - start);
    }

    /**
     * Ends the current phase.
     *
     * @param name what the phase did
     */
    public void mark(String name) {
        long now = System.nanoTime();
        names.add(name);
        nanos.add(now - last);
        last = now;
    }

    /**
     * The phases in order with their milliseconds: {@code json 40, store 30}.
     *
     * @return the summary
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ')
                    .append(TimeUnit.NANOSECONDS.toMillis(nanos.get(i)));
        }
        return out.toString();
    }
}
