package io.flowcraft.engine;

import io.flowcraft.api.Graph;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.flowcraft.engine.Diagrams.diagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What the host's observer and log formatter learn about a run. */
class RunObserverTest {
    @TempDir
    Path dir;

    @Test
    void theObserverSeesRunsAndNodesByTypeAndExecutorsLogWithTheRunsIds() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Optional<LogContext.Ids>> contexts = new CopyOnWriteArrayList<>();
        RunObserver observer = new RunObserver() {
            @Override
            public void runStarted(String executionId, String graphId) {
                seen.add("run started " + graphId);
            }

            @Override
            public void runEnded(String executionId, String graphId, ExecutionStatus status, long durationMs) {
                seen.add("run " + status.wire());
            }

            @Override
            public void nodeStarted(String executionId, String nodeId, String type, int iteration) {
                seen.add("start " + nodeId + " " + type);
            }

            @Override
            public void nodeEnded(String executionId, String nodeId, String type, long durationNanos,
                                  Optional<String> error) {
                seen.add("end " + nodeId + " " + type + error.map(e -> " failed: " + e).orElse(""));
            }
        };
        NodeExecutor start = TestExecutors.executor(TestExecutors.descriptor("start", List.of(), List.of()), c -> {
            contexts.add(LogContext.current());
            return NodeResult.of(null);
        });
        NodeExecutor broken = TestExecutors.executor(TestExecutors.descriptor("broken", List.of(), List.of()), c -> {
            throw new IllegalStateException("no luck");
        });
        Map<String, NodeExecutor> types = Map.of("start", start, "broken", broken);
        try (Engine engine = new Engine(EngineConfig.defaults(dir), t -> Optional.ofNullable(types.get(t)),
                ExecutionStore.inMemory(), HostServices.none(), observer)) {
            Graph graph = diagram().node("s", "start").node("b", "broken").edge("s", "b").build();
            var run = assertInstanceOf(StartResult.Started.class, engine.start(new ExecutionRequest("g",
                    OptionalLong.empty(), graph, Map.of(), ExecutionRequest.Options.NONE)));
            assertInstanceOf(ExecutionEvent.ExecutionFailed.class, run.completion().get(10, TimeUnit.SECONDS));
            assertEquals(List.of("run started g", "start s start", "end s start", "start b broken",
                    "end b broken failed: no luck", "run failed"), seen);
            assertEquals(List.of(Optional.of(new LogContext.Ids(run.executionId(), Optional.of("s")))), contexts,
                    "an executor's thread knows its run and node");
            assertEquals(Optional.empty(), LogContext.current(), "outside a run there is no context");
        }
    }

    @Test
    void allTellsEveryObserverInOrderAndAThrowingOneKeepsNoOtherFromBeingTold() {
        List<String> seen = new CopyOnWriteArrayList<>();
        RunObserver broken = new RunObserver() {
            @Override
            public void runStarted(String executionId, String graphId) {
                seen.add("broken " + executionId);
                throw new IllegalStateException("observer bug");
            }
        };
        RunObserver counting = new RunObserver() {
            @Override
            public void runStarted(String executionId, String graphId) {
                seen.add("counting " + executionId);
            }

            @Override
            public void nodeEnded(String executionId, String nodeId, String type, long durationNanos,
                                  Optional<String> error) {
                seen.add("counting " + nodeId + " " + error.orElse("ok"));
            }
        };
        RunObserver both = RunObserver.all(broken, counting);
        IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> both.runStarted("x1", "g"));
        assertEquals("observer bug", thrown.getMessage());
        both.nodeEnded("x1", "n", "job", 5, Optional.of("boom"));
        assertEquals(List.of("broken x1", "counting x1", "counting n boom"), seen);
        assertEquals(RunObserver.NONE, RunObserver.all());
        assertEquals(counting, RunObserver.all(counting));

        List<String> calls = new CopyOnWriteArrayList<>();
        LlmService.Observer first = (p, m, u, c, d, e) -> calls.add("first " + p + " " + m + " " + u.input());
        LlmService.Observer second = (p, m, u, c, d, e) -> calls.add("second " + c + " " + e.orElse("ok"));
        LlmService.Observer.all(first, second).call("openai", "gpt", new io.flowcraft.api.spi.TokenUsage(3, 4),
                false, 10, Optional.empty());
        assertEquals(List.of("first openai gpt 3", "second false ok"), calls);
        assertEquals(LlmService.Observer.NONE, LlmService.Observer.all());
    }
}
