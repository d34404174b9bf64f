package io.flowcraft.bench;

/**
 * One measured figure of a scenario: a row of the result table.
 *
 * @param name     a short, stable, machine-friendly name ({@code syncs_per_s}, {@code latency_p99}, ...)
 * @param value    the value, {@code NaN} when it could not be measured (printed as {@code n/a})
 * @param unit     the unit ({@code 1/s}, {@code ms}, {@code MB}, {@code count}, ...)
 * @param decimals digits after the decimal point in the table
 */
record Metric(String name, double value, String unit, int decimals) {

    /** A whole-number metric. */
    static Metric count(String name, long value) {
        return new Metric(name, value, "count", 0);
    }

    /** A metric shown with two decimals. */
    static Metric of(String name, double value, String unit) {
        return new Metric(name, value, unit, 2);
    }

    /** Whether the value was measured. */
    boolean measured() {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }

    /** The value as printed in the table. */
    String formatted() {
        return measured() ? String.format(java.util.Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }
}
