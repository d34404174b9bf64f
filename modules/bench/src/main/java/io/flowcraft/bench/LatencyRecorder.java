package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects latency samples (nanoseconds) and computes exact nearest-rank percentiles.
 *
 * <p>The bench records at most a few thousand samples per scenario, so keeping every sample is cheap
 * and avoids the rounding of a bucketed histogram. Safe for concurrent {@link #record} calls.
 */
final class LatencyRecorder {

    private long[] samples = new long[256];
    private int count;

    /** Adds one sample; negative values (clock skew between threads cannot happen with nanoTime) are clamped to 0. */
    synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = Math.max(0, nanos);
    }

    /** Number of samples recorded so far. */
    synchronized int count() {
        return count;
    }

    /** The statistics of the samples recorded so far (all {@code NaN} when there are none). */
    synchronized LatencyStats stats() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new LatencyStats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    /**
     * The nearest-rank percentile of sorted samples: the smallest sample such that at least
     * {@code p} percent of all samples are less than or equal to it.
     *
     * @param sorted samples in ascending order, not empty
     * @param p      the percentile, in {@code (0, 100]}
     * @return the sample at that rank
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /**
     * Latency statistics in milliseconds.
     *
     * @param count  number of samples
     * @param p50Ms  median
     * @param p99Ms  99th percentile
     * @param maxMs  largest sample
     * @param meanMs arithmetic mean
     */
    record LatencyStats(int count, double p50Ms, double p99Ms, double maxMs, double meanMs) {

        /**
         * The table rows {@code <prefix>_mean}, {@code _p50}, {@code _p99} and {@code _max}, in ms.
         *
         * @param prefix     the metric name prefix, e.g. {@code latency}
         * @param targeted   which of them has a target: {@code "p50"}, {@code "p99"}, or {@code null} for none
         * @param targetMs   the target "at most" in milliseconds
         * @return the rows
         */
        List<Metric> metrics(String prefix, String targeted, double targetMs) {
            List<Metric> rows = new ArrayList<>(4);
            rows.add(Metric.of(prefix + "_mean", meanMs, "ms"));
            rows.add(target(Metric.of(prefix + "_p50", p50Ms, "ms"), "p50".equals(targeted), targetMs));
            rows.add(target(Metric.of(prefix + "_p99", p99Ms, "ms"), "p99".equals(targeted), targetMs));
            rows.add(Metric.of(prefix + "_max", maxMs, "ms"));
            return rows;
        }

        private static Metric target(Metric m, boolean has, double targetMs) {
            return has ? m.atMost(targetMs) : m;
        }
    }
}
