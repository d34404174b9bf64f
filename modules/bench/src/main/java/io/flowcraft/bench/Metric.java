package io.flowcraft.bench;

import java.util.Locale;

/**
 * One measured figure of a scenario: a row of the result table.
 *
 * @param name     a short, stable, machine-friendly name ({@code syncs_per_s}, {@code latency_p99}, ...)
 * @param value    the value, {@code NaN} when it could not be measured (printed as {@code n/a})
 * @param unit     the unit ({@code 1/s}, {@code ms}, {@code MB}, {@code count}, ...)
 * @param decimals digits after the decimal point in the table
 * @param target   the goal this figure is compared with, or {@code null} when it has none
 */
record Metric(String name, double value, String unit, int decimals, Target target) {

    /** A metric without a target. */
    Metric(String name, double value, String unit, int decimals) {
        this(name, value, unit, decimals, null);
    }

    /** A whole-number metric. */
    static Metric count(String name, long value) {
        return new Metric(name, value, "count", 0);
    }

    /** A metric shown with two decimals. */
    static Metric of(String name, double value, String unit) {
        return new Metric(name, value, unit, 2);
    }

    /** This metric compared with a target; the target is informative, never an assertion. */
    Metric withTarget(Target goal) {
        return new Metric(name, value, unit, decimals, goal);
    }

    /** This metric with the target "at most {@code limit}" (in the metric's unit). */
    Metric atMost(double limit) {
        return withTarget(Target.atMost(limit));
    }

    /** This metric with the target "at least {@code limit}" (in the metric's unit). */
    Metric atLeast(double limit) {
        return withTarget(Target.atLeast(limit));
    }

    /** Whether the value was measured. */
    boolean measured() {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }

    /** The value as printed in the table. */
    String formatted() {
        return measured() ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }

    /** Whether the value meets its target; {@code null} when there is no target or no value. */
    Boolean targetMet() {
        return target == null || !measured() ? null : target.met(value);
    }

    /**
     * A goal for a metric: the value must be at most (or at least) a limit.
     *
     * @param limit  the limit, in the metric's unit
     * @param atMost {@code true} for "at most", {@code false} for "at least"
     */
    record Target(double limit, boolean atMost) {

        /** The goal "at most {@code limit}". */
        static Target atMost(double limit) {
            return new Target(limit, true);
        }

        /** The goal "at least {@code limit}". */
        static Target atLeast(double limit) {
            return new Target(limit, false);
        }

        /** Whether {@code value} meets the goal (the limit itself does). */
        boolean met(double value) {
            return atMost ? value <= limit : value >= limit;
        }

        /** The goal as printed, e.g. {@code <= 5} or {@code >= 0.5}. */
        String formatted() {
            String number = limit == Math.rint(limit) && Math.abs(limit) < 1e15
                    ? Long.toString((long) limit) : String.format(Locale.ROOT, "%s", limit);
            return (atMost ? "<= " : ">= ") + number;
        }
    }
}
