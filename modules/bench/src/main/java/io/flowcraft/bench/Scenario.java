package io.flowcraft.bench;

/**
 * One benchmark scenario. A scenario uses fresh graphs (see {@link ScenarioContext#newGraphId}),
 * bounds every loop by a count and by wall time, closes every connection it opens, and reports its
 * figures and invariant violations as a {@link ScenarioResult}. Register new ones in {@link Scenarios}.
 */
interface Scenario {

    /** The name used by {@code --scenarios} and in the table, e.g. {@code sync-1w}. */
    String name();

    /** One line saying what the scenario measures. */
    String description();

    /**
     * Runs the scenario.
     *
     * @param ctx the target and the shared tools
     * @return the figures
     * @throws BenchException when the scenario cannot complete (the run goes on with the next one)
     * @throws InterruptedException when the run is cut short
     */
    ScenarioResult run(ScenarioContext ctx) throws BenchException, InterruptedException;
}
