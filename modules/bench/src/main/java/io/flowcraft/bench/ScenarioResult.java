package io.flowcraft.bench;

import java.util.List;

/**
 * What one scenario run produced.
 *
 * @param scenario   the scenario's name
 * @param metrics    the measured figures, in table order
 * @param violations number of protocol invariant violations seen (must be 0)
 * @param notes      remarks worth printing under the table (first violations, time limits hit, ...)
 * @param failure    why the scenario could not complete, or {@code null} when it did
 */
record ScenarioResult(String scenario, List<Metric> metrics, long violations, List<String> notes, String failure) {

    /** Canonical constructor: copies the lists. */
    ScenarioResult {
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** A result for a scenario that failed before producing figures. */
    static ScenarioResult failed(String scenario, String failure) {
        return new ScenarioResult(scenario, List.of(), 0, List.of(), failure);
    }

    /** Whether the scenario completed without invariant violations. */
    boolean ok() {
        return failure == null && violations == 0;
    }
}
