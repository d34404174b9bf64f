package io.flowcraft.bench;

import java.time.Duration;

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

    /**
     * The hard limit of a run, after which it is abandoned as failed: by default the measuring
     * loop's {@code --time-limit} plus 45 s for setting up and tearing down; scenarios that launch
     * servers of their own, each start bounded, need longer.
     */
    default Duration limit(ScenarioContext ctx) {
        return ctx.timeLimit().plus(Duration.ofSeconds(45));
    }
}
