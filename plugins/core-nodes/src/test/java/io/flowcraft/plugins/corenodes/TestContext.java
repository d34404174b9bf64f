package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.RunView;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A {@link NodeContext} like the engine's for one node run: fixed fields, inputs and variables, a
 * base directory, a timeout, a run view and a stand-in for the people asked questions.
 */
record TestContext(Map<String, Object> data, Map<String, Object> inputs, Map<String, Object> variables,
                   Path baseDir, Duration timeout, RunView run,
                   BiFunction<String, Duration, CompletionStage<Object>> answers) implements NodeContext {
    TestContext {
        data = JsonValues.freezeObject(data);
        inputs = JsonValues.freezeObject(inputs);
        variables = JsonValues.freezeObject(variables);
    }

    /** A context with these fields and inputs, no variables, a 30 s timeout and no run facts. */
    static TestContext of(Map<String, ?> data, Map<String, ?> inputs, Path baseDir) {
        return new TestContext(JsonValues.freezeObject(data), JsonValues.freezeObject(inputs), Map.of(), baseDir,
                Duration.ofSeconds(30), RunView.EMPTY,
                (p, t) -> CompletableFuture.failedFuture(new UnsupportedOperationException("no one to ask")));
    }

    TestContext withVariables(Map<String, ?> vars) {
        return new TestContext(data, inputs, JsonValues.freezeObject(vars), baseDir, timeout, run, answers);
    }

    TestContext withTimeout(Duration t) {
        return new TestContext(data, inputs, variables, baseDir, t, run, answers);
    }

    TestContext withRun(RunView view) {
        return new TestContext(data, inputs, variables, baseDir, timeout, view, answers);
    }

    TestContext withAnswers(BiFunction<String, Duration, CompletionStage<Object>> a) {
        return new TestContext(data, inputs, variables, baseDir, timeout, run, a);
    }

    @Override
    public String executionId() {
        return "exec-1";
    }

    @Override
    public String nodeId() {
        return "node-1";
    }

    @Override
    public int iteration() {
        return 0;
    }

    @Override
    public CompletionStage<Object> ask(String prompt, Duration wait) {
        return answers.apply(prompt, wait);
    }

    /** A run view with fixed run counts, iteration bounds, loop members and labels. */
    record Run(Map<String, Integer> counts, Map<String, Integer> bounds, Set<String> loopNodes,
               Map<String, String> labels) implements RunView {
        @Override
        public int runs(String nodeId) {
            return counts.getOrDefault(nodeId, 0);
        }

        @Override
        public OptionalInt maxIteration(String nodeId) {
            Integer max = bounds.get(nodeId);
            return max == null ? OptionalInt.empty() : OptionalInt.of(max);
        }
    }
}
