package io.flowcraft.engine;

import io.flowcraft.api.Graph;
import io.flowcraft.api.JsonValues;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A request to run a diagram.
 *
 * @param graphId the graph whose clients watch the run (for an inline diagram, the graph the
 *                request came from)
 * @param version the stored version that runs; empty for an inline diagram
 * @param diagram the diagram
 * @param inputs  the run's inputs, which become variables
 * @param options how to run it
 */
public record ExecutionRequest(String graphId, OptionalLong version, Graph diagram, Map<String, Object> inputs,
                               Options options) {
    /** Checks and freezes the components. */
    public ExecutionRequest {
        Objects.requireNonNull(graphId, "graphId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(diagram, "diagram");
        inputs = JsonValues.freezeObject(inputs);
        Objects.requireNonNull(options, "options");
    }

    /**
     * Per-run options; empty means the engine's configuration.
     *
     * @param timeout        the whole run's time limit
     * @param maxConcurrency how many nodes may run at once
     * @param baseDir        the directory file-based nodes work in
     */
    public record Options(Optional<Duration> timeout, OptionalInt maxConcurrency, Optional<Path> baseDir) {
        /** No options. */
        public static final Options NONE = new Options(Optional.empty(), OptionalInt.empty(), Optional.empty());

        /** Checks the components. */
        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(maxConcurrency, "maxConcurrency");
            Objects.requireNonNull(baseDir, "baseDir");
        }

        /**
         * Reads the protocol's {@code options} object: {@code timeoutSeconds} (a positive number) and
         * {@code maxConcurrency} (a positive whole number). Unknown keys are ignored.
         *
         * @param json     the options object
         * @param problems where each ill-typed option is reported
         * @return the options
         */
        public static Options fromJson(Map<String, Object> json, java.util.List<io.flowcraft.api.protocol.Problem> problems) {
            Optional<Duration> timeout = Optional.empty();
            OptionalInt concurrency = OptionalInt.empty();
            Object t = json.get("timeoutSeconds");
            if (t != null) {
                if (t instanceof Number n && n.doubleValue() > 0) {
                    // at most a year: far beyond any run, and far from Duration.toNanos overflowing
                    timeout = Optional.of(Duration.ofMillis((long) (Math.min(n.doubleValue(), 31_536_000d) * 1000)));
                } else {
                    problems.add(new io.flowcraft.api.protocol.Problem("invalid_option",
                            "options.timeoutSeconds must be a positive number", "timeoutSeconds"));
                }
            }
            Object c = json.get("maxConcurrency");
            if (c != null) {
                if (c instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() == Math.rint(n.doubleValue())) {
                    concurrency = OptionalInt.of((int) Math.min(n.doubleValue(), Integer.MAX_VALUE));
                } else {
                    problems.add(new io.flowcraft.api.protocol.Problem("invalid_option",
                            "options.maxConcurrency must be a whole number of at least 1", "maxConcurrency"));
                }
            }
            return new Options(timeout, concurrency, Optional.empty());
        }
    }
}
