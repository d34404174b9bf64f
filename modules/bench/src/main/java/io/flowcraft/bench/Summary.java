package io.flowcraft.bench;

import java.util.Arrays;

/**
 * The spread of a few repeated measurements (runs of a scenario): minimum, nearest-rank median
 * and maximum.
 *
 * @param count  number of values
 * @param min    the smallest
 * @param median the nearest-rank median (the lower middle value of an even count)
 * @param max    the largest
 */
record Summary(int count, double min, double median, double max) {

    /** The summary of {@code values}; all {@code NaN} when there are none. */
    static Summary of(double... values) {
        if (values.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.5 * sorted.length);
        return new Summary(sorted.length, sorted[0], sorted[Math.max(1, rank) - 1], sorted[sorted.length - 1]);
    }
}
