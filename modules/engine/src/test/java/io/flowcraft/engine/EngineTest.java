package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.api.execution.NodeStatus;
import io.flowcraft.api.protocol.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static io.flowcraft.engine.Diagrams.diagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    private TestExecutors executors;
    private Engine engine;
    private Recorder recorder;

    @BeforeEach
    void setUp() {
        executors = new TestExecutors();
        engine = new Engine(EngineConfig.defaults(dir), executors.registry(), ExecutionStore.inMemory());
        recorder = new Recorder(engine);
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private StartResult.Started start(io.flowcraft.api.Graph graph) {
        return start(graph, Map.of(), ExecutionRequest.Options.NONE);
    }

    private StartResult.Started start(io.flowcraft.api.Graph graph, Map<String, Object> inputs,
                                      ExecutionRequest.Options options) {
        StartResult r = engine.start(new ExecutionRequest("g1", OptionalLong.of(3), graph, inputs, options));
        return assertInstanceOf(StartResult.Started.class, r, () -> "rejected: " + r);
    }

    private ExecutionEvent.Terminal finish(StartResult.Started run) throws Exception {
        ExecutionEvent.Terminal t = run.completion().get(10, TimeUnit.SECONDS);
        List<ExecutionEvent> events = recorder.of(run.executionId());
        assertEquals(1, events.stream().filter(e -> e instanceof ExecutionEvent.Terminal).count(), () -> "events: " + events);
        assertEquals(t, events.getLast(), "the terminal event comes last");
        assertInstanceOf(ExecutionEvent.ExecutionStarted.class, events.getFirst());
        return t;
    }

    @Test
    void linearDiagramRunsInOrderAndPassesValuesByLabel() throws Exception {
        var run = start(diagram().node("s", "start", "custom_data", Map.of("who", "ada"))
                .node("a", "wait", "value", "from a").node("b", "wait").node("end", "endpoint")
                .edge("s", "a").edge("a", "b", "text").edge("b", "end").build(), Map.of("n", 1), ExecutionRequest.Options.NONE);
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(List.of("s", "a", "b", "end"), recorder.started(run.executionId()));
        assertEquals(Map.of("end", Map.of("text", "from a")), done.outputs());
        var startOut = recorder.of(run.executionId(), ExecutionEvent.NodeCompleted.class).getFirst();
        assertEquals(Map.of("who", "ada", "n", 1L), startOut.output(), "the start node's output is its custom_data plus the inputs");
        ExecutionRecord record = engine.execution(run.executionId()).orElseThrow();
        assertEquals(ExecutionStatus.COMPLETED, record.status());
        assertEquals(OptionalLong.of(3), record.version());
        assertEquals(NodeStatus.COMPLETED, record.nodes().get("b").status());
    }

    @Test
    void aConversationStateEdgeHandsOnTheConversationInsteadOfTheText() throws Exception {
        List<Map<String, Object>> said = List.of(Map.of("role", "user", "content", "Tea?"),
                Map.of("role", "assistant", "content", "Yes!"));
        Map<String, Object> conversationState = Map.of("contentType", "conversation_state");
        var run = start(diagram().node("s", "start").node("talk", "wait", "value", "Yes!", "remembers", said)
                .node("plain", "wait", "value", "just text").node("end", "endpoint")
                .edge("s", "talk").edge("s", "plain").edge("talk", "end", "conversation", conversationState)
                .edge("talk", "end", "text").edge("plain", "end", "wrapped", conversationState).build());
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(Map.of("end", Map.of("conversation", Map.of("messages", said), "text", "Yes!",
                "wrapped", Map.of("messages", List.of(Map.of("role", "assistant", "content", "just text",
                        "node_id", "plain", "iteration", 0L))))), done.outputs(),
                "the conversation the node reported, its text on a plain edge, and a text output as a one-message conversation");
    }

    @Test
    void independentBranchesOverlapInTime() throws Exception {
        var run = start(diagram().node("s", "start").node("a", "wait", "ms", 300, "value", 1)
                .node("b", "wait", "ms", 300, "value", 2).node("join", "endpoint")
                .edge("s", "a").edge("s", "b").edge("a", "join", "x").edge("b", "join", "y").build());
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(Map.of("join", Map.of("x", 1L, "y", 2L)), done.outputs(), "the join waited for both branches");
        long[] first = executors.spans.get(0);
        long[] second = executors.spans.get(1);
        assertTrue(first[0] < second[1] && second[0] < first[1], "both 300 ms branches ran at the same time");
        assertTrue(done.durationMs() < 550, "the run took " + done.durationMs() + " ms, not the 600 of two in a row");
    }

    @Test
    void conditionRunsOneBranchAndSkipsTheOtherDownstream() throws Exception {
        var graph = diagram().node("s", "start").node("c", "condition", "variable", "go")
                .node("yes", "wait", "value", "Y").node("yes2", "wait")
                .node("no", "wait", "value", "N").node("no2", "wait")
                .node("end", "endpoint")
                .edge("s", "c").edge("c[condtrue]", "yes").edge("yes", "yes2").edge("c[condfalse]", "no").edge("no", "no2")
                .edge("yes2", "end", "a").edge("no2", "end", "b").build();
        var run = start(graph, Map.of("go", true), ExecutionRequest.Options.NONE);
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(List.of("no", "no2"), recorder.skipped(run.executionId()));
        assertFalse(recorder.started(run.executionId()).contains("no"));
        assertEquals(Map.of("end", Map.of("default", "Y")), done.outputs(),
                "the merge node ran on its one live input");

        var other = start(graph, Map.of("go", false), ExecutionRequest.Options.NONE);
        finish(other);
        assertEquals(List.of("yes", "yes2"), recorder.skipped(other.executionId()));
    }

    @Test
    void loopRunsUntilItsNodesReachMaxIterationThenLeavesThroughTheCondition() throws Exception {
        var run = start(diagram().node("s", "start").node("work", "wait", "max_iteration", 3, "value", "w")
                .node("c", "condition", "condition_type", "detect_max_iterations").node("end", "endpoint")
                .edge("s", "work").edge("work", "c").edge("c[condfalse]", "work").edge("c[condtrue]", "end").build());
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(3, executors.calls.get("work").get());
        assertEquals(List.of("s", "work", "c", "work", "c", "work", "c", "end"), recorder.started(run.executionId()));
        assertEquals(Map.of("end", "w"), done.outputs());
        assertEquals(List.of(), recorder.skipped(run.executionId()), "the exit is not skipped while the loop runs");
        var iterations = recorder.of(run.executionId(), ExecutionEvent.NodeStarted.class).stream()
                .filter(e -> e.nodeId().equals("work")).map(ExecutionEvent.NodeStarted::iteration).toList();
        assertEquals(List.of(0, 1, 2), iterations);
    }

    @Test
    void loopWhoseConditionNeverTurnsTrueStopsAtTheBound() throws Exception {
        var run = start(diagram().node("s", "start").node("work", "wait", "max_iteration", 4)
                .node("c", "condition", "variable", "never").node("end", "endpoint")
                .edge("s", "work").edge("work", "c").edge("c[condfalse]", "work").edge("c[condtrue]", "end").build());
        finish(run);
        assertEquals(4, executors.calls.get("work").get());
        assertTrue(recorder.skipped(run.executionId()).contains("end"), "the exit branch was never taken");
    }

    @Test
    void variablesSetByANodeReachTheNodesAfterIt() throws Exception {
        var run = start(diagram().node("s", "start").node("a", "wait", "set", "count").node("c", "condition", "variable", "flag")
                .node("end", "endpoint").edge("s", "a").edge("a", "c").edge("c[condfalse]", "end").build());
        finish(run);
        assertEquals(1, engine.execution(run.executionId()).orElseThrow().nodes().get("a").runs());
    }

    @Test
    void pauseStopsNewNodesUntilResume() throws Exception {
        var run = start(diagram().node("s", "start").node("a", "wait", "ms", 200).node("b", "wait", "ms", 10)
                .node("c", "wait", "ms", 10).edge("s", "a").edge("a", "b").edge("b", "c").build());
        recorder.await(ExecutionEvent.NodeStarted.class, e -> e.nodeId().equals("a"), WAIT);
        assertEquals(ControlResult.DONE, engine.pause(run.executionId()));
        recorder.await(ExecutionEvent.NodeCompleted.class, e -> e.nodeId().equals("a"), WAIT);
        Thread.sleep(400);
        assertFalse(recorder.started(run.executionId()).contains("b"), "no node starts while paused");
        assertEquals(ExecutionStatus.PAUSED, engine.execution(run.executionId()).orElseThrow().status());
        assertEquals(ControlResult.DONE, engine.resume(run.executionId()));
        assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        List<String> types = recorder.types(run.executionId());
        assertTrue(types.indexOf("execution_paused") < types.indexOf("execution_resumed"));
        assertEquals(List.of("s", "a", "b", "c"), recorder.started(run.executionId()));
    }

    @Test
    void cancelInterruptsRunningNodesAndEndsOnce() throws Exception {
        var run = start(diagram().node("s", "start").node("slow", "wait", "ms", 60_000).node("after", "wait")
                .edge("s", "slow").edge("slow", "after").build());
        recorder.await(ExecutionEvent.NodeStarted.class, e -> e.nodeId().equals("slow"), WAIT);
        assertEquals(ControlResult.DONE, engine.cancel(run.executionId(), "test"));
        assertInstanceOf(ExecutionEvent.ExecutionCancelled.class, finish(run));
        recorder.await(ExecutionEvent.ExecutionCancelled.class, e -> true, WAIT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (executors.interrupted.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("slow"), executors.interrupted, "the running node was interrupted");
        assertEquals(ControlResult.ALREADY_ENDED, engine.cancel(run.executionId(), "again"));
        assertEquals(ControlResult.UNKNOWN_EXECUTION, engine.pause("nope"));
        assertFalse(recorder.started(run.executionId()).contains("after"));
    }

    @Test
    void aFailingNodeEndsTheRunWithExactlyOneTerminalEvent() throws Exception {
        var run = start(diagram().node("s", "start").node("bad", "fail").node("slow", "wait", "ms", 5_000)
                .node("after", "wait").edge("s", "bad").edge("s", "slow").edge("bad", "after").build());
        var failed = assertInstanceOf(ExecutionEvent.ExecutionFailed.class, finish(run));
        assertEquals(Optional.of("bad"), failed.nodeId());
        assertTrue(failed.error().contains("boom at bad"), failed.error());
        var nodeFailed = recorder.of(run.executionId(), ExecutionEvent.NodeFailed.class);
        assertEquals(1, nodeFailed.size());
        Thread.sleep(100);
        assertEquals(failed, recorder.of(run.executionId()).getLast(), "nothing follows the terminal event");
        assertEquals(ExecutionStatus.FAILED, engine.execution(run.executionId()).orElseThrow().status());
    }

    @Test
    void failuresAreRetriedWithBackoff() throws Exception {
        var run = start(diagram().node("s", "start").node("f", "flaky", "failures", 2, "retries", 2, "retry_backoff_ms", 20)
                .node("end", "endpoint").edge("s", "f").edge("f", "end").build());
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(Map.of("end", "ok after 3"), done.outputs());

        var exhausted = start(diagram().node("s", "start").node("f", "flaky", "failures", 5, "retries", 1, "retry_backoff_ms", 1)
                .edge("s", "f").build());
        var failed = assertInstanceOf(ExecutionEvent.ExecutionFailed.class, finish(exhausted));
        assertTrue(failed.error().contains("flaky failure"), failed.error());
    }

    @Test
    void aNodeOverItsTimeoutFails() throws Exception {
        var run = start(diagram().node("s", "start").node("slow", "wait", "ms", 30_000, "timeout", 1)
                .edge("s", "slow").build());
        var failed = assertInstanceOf(ExecutionEvent.ExecutionFailed.class, finish(run));
        assertTrue(failed.error().contains("timed out after 1 s"), failed.error());
        assertEquals(List.of("slow"), executors.interrupted);
    }

    @Test
    void runTimeLimitFailsTheRun() throws Exception {
        var run = start(diagram().node("s", "start").node("slow", "wait", "ms", 30_000).edge("s", "slow").build(), Map.of(),
                new ExecutionRequest.Options(Optional.of(Duration.ofMillis(200)), java.util.OptionalInt.empty(), Optional.empty()));
        var failed = assertInstanceOf(ExecutionEvent.ExecutionFailed.class, finish(run));
        assertTrue(failed.error().contains("time limit"), failed.error());
    }

    @Test
    void concurrencyLimitIsHonoured() throws Exception {
        var d = diagram().node("s", "start").node("end", "endpoint");
        for (int i = 0; i < 6; i++) {
            d.node("w" + i, "wait", "ms", 100).edge("s", "w" + i).edge("w" + i, "end", "v" + i);
        }
        var run = start(d.build(), Map.of(),
                new ExecutionRequest.Options(Optional.empty(), java.util.OptionalInt.of(2), Optional.empty()));
        finish(run);
        int most = 0;
        for (long[] a : executors.spans) {
            int overlapping = 0;
            for (long[] b : executors.spans) {
                if (b[0] <= a[0] && a[0] < b[1]) {
                    overlapping++;
                }
            }
            most = Math.max(most, overlapping);
        }
        assertEquals(2, most, "at most two nodes ran at once");
    }

    @Test
    void userResponseIsAnsweredOrTimesOut() throws Exception {
        var run = start(diagram().node("s", "start").node("ask", "user_response", "prompt", "Name?", "timeout", 5_000)
                .node("end", "endpoint").edge("s", "ask").edge("ask", "end").build());
        var prompt = recorder.await(ExecutionEvent.InteractivePrompt.class, e -> e.executionId().equals(run.executionId()), WAIT);
        assertEquals("Name?", prompt.prompt());
        assertEquals(1, engine.execution(run.executionId()).orElseThrow().prompts().size(), "late joiners see the question");
        assertEquals(ControlResult.NOT_WAITING, engine.respond(run.executionId(), "end", "x"));
        assertEquals(ControlResult.DONE, engine.respond(run.executionId(), "ask", "Ada"));
        var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(run));
        assertEquals(Map.of("end", "Ada"), done.outputs());

        var silent = start(diagram().node("s", "start").node("ask", "user_response", "prompt", "Name?", "timeout", 100,
                "default_response", "nobody").node("end", "endpoint").edge("s", "ask").edge("ask", "end").build());
        assertEquals(Map.of("end", "nobody"),
                assertInstanceOf(ExecutionEvent.ExecutionCompleted.class, finish(silent)).outputs());

        var failing = start(diagram().node("s", "start").node("ask", "user_response", "prompt", "Name?", "timeout", 100)
                .edge("s", "ask").build());
        var failed = assertInstanceOf(ExecutionEvent.ExecutionFailed.class, finish(failing));
        assertTrue(failed.error().contains("nobody answered"), failed.error());
    }

    @Test
    void everyProblemOfAnInvalidDiagramIsReportedTogether() {
        var graph = diagram().node("a", "wait").node("x", "no_such_type").node("ask", "user_response")
                .node("c", "condition").node("l1", "wait").node("l2", "wait")
                .edge("a", "ghost").edge("c[sideways]", "a").edge("l1", "l2").edge("l2", "l1").build();
        var rejected = assertInstanceOf(StartResult.Rejected.class,
                engine.start(new ExecutionRequest("g1", OptionalLong.empty(), graph, Map.of(), ExecutionRequest.Options.NONE)));
        List<String> codes = rejected.problems().stream().map(Problem::code).sorted().toList();
        assertEquals(List.of("missing_field", "missing_node", "missing_start_node", "uncontrolled_cycle", "unknown_handle",
                "unknown_node_type"), codes, () -> rejected.problems().toString());
        assertTrue(rejected.problems().stream().anyMatch(p -> p.message().contains("'prompt'")));
        assertEquals(List.of(), recorder.events, "nothing ran");
    }

    @Test
    void executionsAreRecordedDurably() throws Exception {
        Path db = dir.resolve("executions.db");
        try (SqliteExecutionStore store = SqliteExecutionStore.open(db);
             Engine durable = new Engine(EngineConfig.defaults(dir), executors.registry(), store)) {
            StartResult r = durable.start(new ExecutionRequest("g2", OptionalLong.of(7),
                    diagram().node("s", "start").node("end", "endpoint").edge("s", "end").build(), Map.of("k", "v"),
                    ExecutionRequest.Options.NONE));
            var started = assertInstanceOf(StartResult.Started.class, r);
            started.completion().get(10, TimeUnit.SECONDS);
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(db)) {
            List<ExecutionRecord> all = store.list(Optional.of("g2"), 10);
            assertEquals(1, all.size());
            ExecutionRecord r = all.getFirst();
            assertEquals(ExecutionStatus.COMPLETED, r.status());
            assertEquals(OptionalLong.of(7), r.version());
            assertEquals(Map.of("end", Map.of("k", "v")), r.outputs());
            assertEquals(2, r.nodes().size());
            assertTrue(r.endedAt().isPresent());
        }
    }

    @Test
    void aDiagramRunAgainUsesTheExecutorsOfTheMoment() throws Exception {
        java.util.Map<String, io.flowcraft.api.spi.NodeExecutor> byType = new java.util.concurrent.ConcurrentHashMap<>();
        byType.put("start", TestExecutors.executor(TestExecutors.descriptor("start", List.of(), List.of()),
                c -> io.flowcraft.api.spi.NodeResult.of(null)));
        byType.put("say", TestExecutors.executor(TestExecutors.descriptor("say", List.of(), List.of()),
                c -> io.flowcraft.api.spi.NodeResult.of("one")));
        try (Engine e = new Engine(EngineConfig.defaults(dir), type -> Optional.ofNullable(byType.get(type)),
                ExecutionStore.inMemory())) {
            var graph = diagram().node("s", "start").node("say", "say").edge("s", "say").build();
            var request = new ExecutionRequest("g", OptionalLong.empty(), graph, Map.of(), ExecutionRequest.Options.NONE);
            var first = assertInstanceOf(StartResult.Started.class, e.start(request));
            assertEquals(Map.of("say", "one"), ((ExecutionEvent.ExecutionCompleted) first.completion().get(10, TimeUnit.SECONDS)).outputs());
            byType.put("say", TestExecutors.executor(TestExecutors.descriptor("say", List.of(), List.of()),
                    c -> io.flowcraft.api.spi.NodeResult.of("two")));
            var second = assertInstanceOf(StartResult.Started.class, e.start(request));
            assertEquals(Map.of("say", "two"), ((ExecutionEvent.ExecutionCompleted) second.completion().get(10, TimeUnit.SECONDS)).outputs(),
                    "a replaced plugin serves the next run of the same diagram");
            byType.remove("say");
            assertInstanceOf(StartResult.Rejected.class, e.start(request), "a removed plugin's type is unknown again");
        }
    }
}
