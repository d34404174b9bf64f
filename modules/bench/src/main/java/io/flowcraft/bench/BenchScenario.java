package io.flowcraft.bench;

import java.util.List;

/**
 * The skeleton of a scenario: its name and description, and the common tail of its report (server
 * CPU and memory over the measured part, then the invariant violations).
 */
abstract class BenchScenario implements Scenario {

    private final String name;
    private final String description;

    /**
     * @param name        the name used by {@code --scenarios} and in the table
     * @param description one line saying what the scenario measures
     */
    BenchScenario(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The note for a run cut short by {@code --time-limit} after {@code done} units of {@code what}. */
    static String timeLimitNote(ScenarioContext ctx, long done, String what) {
        return "time limit of " + ctx.options().timeLimit() + " s reached after " + done + " " + what;
    }

    /**
     * Completes a result: appends the meter's figures for {@code work} units of {@code per} and the
     * violation count to {@code metrics}, the meter's notes and the violations to {@code notes}.
     *
     * @param failure why the scenario could not complete, or {@code null}
     */
    final ScenarioResult finish(List<Metric> metrics, ResourceMeter meter, long work, String per,
                                Violations violations, List<String> notes, String failure) {
        metrics.addAll(meter.metrics(work, per));
        notes.addAll(meter.notes());
        metrics.add(Metric.count("violations", violations.count()));
        notes.addAll(violations.descriptions());
        return new ScenarioResult(name, metrics, violations.count(), notes, failure);
    }
}
