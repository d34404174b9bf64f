package io.flowcraft.server;

import io.flowcraft.graph.Fields;
import io.flowcraft.graph.Json;
import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Diagrams run by a real server with the real core-nodes plugin jar, watched by real WebSocket
 * clients: every event reaches every client of the graph, in order, ending in one terminal event.
 */
class ExecutionTest {
    private static final Json JSON = Json.create();
    private static final Set<String> TERMINAL = Set.of("execution_completed", "execution_failed", "execution_cancelled");

    @TempDir
    Path dir;
    FlowcraftServer server;

    @BeforeEach
    void start() throws IOException {
        FlowcraftConfig config = TestServers.config(dir);
        Files.createDirectories(config.pluginsDir());
        Files.copy(ActionTest.jar("core-nodes"), config.pluginsDir().resolve("core-nodes.jar"));
        server = FlowcraftServer.start(config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String diagram(String name) {
        try (var in = ExecutionTest.class.getResourceAsStream("/diagrams/" + name + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test diagram " + name, e);
        }
    }

    /** A client of a graph that holds the given diagram as its current version. */
    private WsClient graphWith(String graph, String diagramName) {
        WsClient c = WsClient.connect(server.port(), "graph=" + graph);
        long v = WsClient.version(c.next("sync_graph"));
        c.sendSync(v, diagram(diagramName), "store");
        c.next("sync_graph");
        return c;
    }

    private static String execute(String payload, String correlationId) {
        return "{\"type\":\"execute_diagram\",\"correlationId\":\"" + correlationId + "\",\"payload\":" + payload + "}";
    }

    private static String control(String type, String executionId) {
        return "{\"type\":\"" + type + "\",\"payload\":{\"executionId\":\"" + executionId + "\"}}";
    }

    /** Messages up to and including the run's terminal event. */
    private static List<Map<String, Object>> untilTerminal(WsClient c) {
        List<Map<String, Object>> seen = new ArrayList<>();
        while (true) {
            Map<String, Object> m = c.next();
            seen.add(m);
            if (TERMINAL.contains((String) m.get("type"))) {
                return seen;
            }
        }
    }

    private static List<String> types(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> (String) m.get("type")).toList();
    }

    private static List<String> nodes(List<Map<String, Object>> messages, String type) {
        return messages.stream().filter(m -> type.equals(m.get("type")))
                .map(m -> (String) WsClient.payload(m).get("nodeId")).toList();
    }

    private static Map<String, Object> last(List<Map<String, Object>> messages) {
        return WsClient.payload(messages.getLast());
    }

    private static String executionId(Map<String, Object> started) {
        return (String) WsClient.payload(started).get("executionId");
    }

    private Map<String, Object> get(String path, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return Fields.asObject(JSON.parse(r.body()));
    }

    @Test
    void aStoredGraphRunsAndBothClientsSeeEveryEventInOrder() throws Exception {
        try (WsClient alice = graphWith("lin", "linear"); WsClient bob = WsClient.connect(server.port(), "graph=lin")) {
            bob.next("sync_graph");
            alice.send(execute("{}", "run-1"));
            Map<String, Object> started = alice.next("execution_started");
            assertEquals("run-1", started.get("correlationId"), "the requester can match its acknowledgement");
            assertEquals(1L, WsClient.payload(started).get("version"));
            List<Map<String, Object>> aliceSaw = untilTerminal(alice);
            Map<String, Object> bobStarted = bob.next("execution_started");
            List<Map<String, Object>> bobSaw = untilTerminal(bob);

            assertEquals("execution_completed", aliceSaw.getLast().get("type"), () -> "events: " + aliceSaw);
            assertEquals(types(aliceSaw), types(bobSaw), "both clients received the same events in the same order");
            assertEquals(executionId(started), executionId(bobStarted));
            assertEquals(List.of("start", "shout", "wrap", "end"), nodes(aliceSaw, "node_started"));
            assertEquals(Map.of("end", "[FLOWCRAFT!]"), last(aliceSaw).get("outputs"));

            Map<String, Object> record = get("/api/executions/" + executionId(started), 200);
            assertEquals("completed", record.get("status"));
            assertEquals("lin", record.get("graphId"));
            assertEquals(1L, record.get("version"));
            Map<String, Object> perNode = Fields.asObject(record.get("nodes"));
            assertEquals("completed", Fields.asObject(perNode.get("wrap")).get("status"));
            List<?> listed = (List<?>) get("/api/executions?graphId=lin", 200).get("executions");
            assertEquals(1, listed.size());
            get("/api/executions/nope", 404);
        }
    }

    @Test
    void parallelBranchesOverlap() {
        try (WsClient c = graphWith("dia", "diamond")) {
            c.send(execute("{}", "d"));
            c.next("execution_started");
            List<Map<String, Object>> seen = untilTerminal(c);
            Map<String, Object> done = last(seen);
            assertEquals(Map.of("end", Map.of("a", "a", "b", "b")), done.get("outputs"), () -> "events: " + seen);
            long ms = (Long) done.get("durationMs");
            assertTrue(ms < 1_900, "two 1 s branches took " + ms + " ms in all: they ran side by side");
        }
    }

    @Test
    void conditionPicksABranchAndSkipsTheOther() {
        try (WsClient c = graphWith("cond", "condition")) {
            c.send(execute("{\"inputs\":{\"n\":7}}", "big"));
            c.next("execution_started");
            List<Map<String, Object>> seen = untilTerminal(c);
            assertEquals(Map.of("end", "big"), last(seen).get("outputs"), () -> "events: " + seen);
            assertEquals(List.of("small", "after_small"), nodes(seen, "node_skipped"));

            c.send(execute("{\"inputs\":{\"n\":3}}", "small"));
            c.next("execution_started");
            List<Map<String, Object>> other = untilTerminal(c);
            assertTrue(nodes(other, "node_skipped").contains("big"), () -> "events: " + other);
            assertTrue(nodes(other, "node_completed").contains("after_small"));
        }
    }

    @Test
    void loopEndsWhenItsNodesReachMaxIteration() {
        try (WsClient c = graphWith("loop", "loop")) {
            c.send(execute("{}", "l"));
            c.next("execution_started");
            List<Map<String, Object>> seen = untilTerminal(c);
            assertEquals("execution_completed", seen.getLast().get("type"), () -> "events: " + seen);
            assertEquals(3, nodes(seen, "node_completed").stream().filter("tick"::equals).count());
            assertEquals(Map.of("end", "tick"), last(seen).get("outputs"));
        }
    }

    @Test
    void pauseHoldsTheNextNodeUntilResume() {
        try (WsClient c = graphWith("chain", "chain")) {
            c.send(execute("{}", "p"));
            String id = executionId(c.next("execution_started"));
            c.next("node_started");
            c.next("node_completed");
            c.next("node_started"); // a (sleeps 0.8 s)
            c.send(control("pause_execution", id));
            c.next("execution_paused");
            Map<String, Object> aDone = c.next("node_completed");
            assertEquals("a", WsClient.payload(aDone).get("nodeId"));
            c.expectNothing(Duration.ofMillis(600));
            Map<String, Object> record = server.engine().execution(id).orElseThrow().toJson();
            assertEquals("paused", record.get("status"));
            c.send(control("resume_execution", id));
            c.next("execution_resumed");
            List<Map<String, Object>> rest = untilTerminal(c);
            assertEquals(List.of("b", "end"), nodes(rest, "node_started"));
            assertEquals("execution_completed", rest.getLast().get("type"));
        }
    }

    @Test
    void cancelKillsTheRunningJobProcess() throws Exception {
        try (WsClient c = graphWith("cx", "cancel")) {
            c.send(execute("{}", "c"));
            String id = executionId(c.next("execution_started"));
            c.next("node_started");
            c.next("node_completed");
            c.next("node_started");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sleepers() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, sleepers(), "the job's process is running");
            c.send(control("cancel_execution", id));
            List<Map<String, Object>> rest = untilTerminal(c);
            assertEquals("execution_cancelled", rest.getLast().get("type"));
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sleepers() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, sleepers(), "cancel killed the job's process");
            c.send(control("cancel_execution", id));
            c.nextError("execution_ended");
        }
    }

    private static long sleepers() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("97.531")).count();
    }

    @Test
    void userResponseIsAnsweredOverWebSocket() {
        try (WsClient alice = graphWith("ask", "ask"); WsClient bob = WsClient.connect(server.port(), "graph=ask")) {
            bob.next("sync_graph");
            alice.send(execute("{}", "a"));
            String id = executionId(alice.next("execution_started"));
            Map<String, Object> prompt;
            do {
                prompt = bob.next();
            } while (!"interactive_prompt".equals(prompt.get("type")));
            assertEquals("Your name?", WsClient.payload(prompt).get("prompt"));
            assertEquals(20L, WsClient.payload(prompt).get("timeoutSeconds"));
            bob.send("{\"type\":\"user_response\",\"payload\":{\"executionId\":\"" + id
                    + "\",\"nodeId\":\"start\",\"response\":\"x\"}}");
            bob.nextError("not_waiting");
            bob.send("{\"type\":\"user_response\",\"payload\":{\"executionId\":\"" + id
                    + "\",\"nodeId\":\"ask\",\"response\":\"Ada\"}}");
            List<Map<String, Object>> seen = untilTerminal(alice);
            assertEquals(Map.of("end", "hi Ada"), last(seen).get("outputs"), () -> "events: " + seen);
        }
    }

    @Test
    void anUnansweredPromptTimesOutAndFailsTheRun() {
        try (WsClient c = graphWith("asktime", "ask_timeout")) {
            c.send(execute("{}", "t"));
            c.next("execution_started");
            List<Map<String, Object>> seen = untilTerminal(c);
            assertTrue(types(seen).contains("interactive_prompt"));
            assertEquals("execution_failed", seen.getLast().get("type"), () -> "events: " + seen);
            assertEquals(List.of("ask"), nodes(seen, "node_failed"));
        }
    }

    @Test
    void aFailingNodeEndsTheRunWithOneTerminalEvent() {
        try (WsClient c = graphWith("fail", "failing")) {
            c.send(execute("{}", "f"));
            c.next("execution_started");
            List<Map<String, Object>> seen = untilTerminal(c);
            assertEquals("execution_failed", seen.getLast().get("type"));
            String error = (String) last(seen).get("error");
            assertTrue(error.contains("broken on purpose"), error);
            assertEquals("bad", last(seen).get("nodeId"));
            c.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void anInvalidDiagramListsEveryProblemAndRunsNothing() {
        try (WsClient c = WsClient.connect(server.port(), "graph=bad")) {
            c.next("sync_graph");
            c.send(execute("{\"diagram\":" + diagram("invalid") + "}", "i"));
            Map<String, Object> error = c.nextError("invalid_diagram");
            List<?> problems = (List<?>) Fields.asObject(error.get("details")).get("problems");
            List<String> codes = problems.stream().map(p -> (String) ((Map<?, ?>) p).get("code")).sorted().toList();
            assertEquals(List.of("missing_field", "missing_node", "missing_start_node", "uncontrolled_cycle",
                    "unknown_handle", "unknown_node_type"), codes, () -> "problems: " + problems);
            c.expectNothing(Duration.ofMillis(200));
            assertEquals(List.of(), server.engine().executions(java.util.Optional.of("bad"), 10));
        }
    }

    @Test
    void anInlineDiagramRunsForTheSendersGraph() {
        try (WsClient c = WsClient.connect(server.port(), "graph=inline")) {
            c.next("sync_graph");
            c.send(execute("{\"diagram\":" + diagram("linear") + "}", "in"));
            Map<String, Object> started = c.next("execution_started");
            assertEquals(null, WsClient.payload(started).get("version"));
            List<Map<String, Object>> seen = untilTerminal(c);
            assertEquals(Map.of("end", "[FLOWCRAFT!]"), last(seen).get("outputs"));
        }
    }

    @Test
    void aClientJoiningMidRunGetsTheRunSoFar() {
        try (WsClient c = graphWith("late", "chain")) {
            c.send(execute("{}", "late"));
            String id = executionId(c.next("execution_started"));
            c.next("node_started");
            c.next("node_completed");
            c.next("node_started");
            try (WsClient late = WsClient.connect(server.port(), "graph=late")) {
                late.next("sync_graph");
                Map<String, Object> state = WsClient.payload(late.next("execution_state"));
                assertEquals(id, state.get("executionId"));
                assertEquals("running", state.get("status"));
                Map<String, Object> nodes = Fields.asObject(state.get("nodes"));
                assertEquals("completed", Fields.asObject(nodes.get("start")).get("status"));
                assertEquals("running", Fields.asObject(nodes.get("a")).get("status"));
                List<Map<String, Object>> rest = untilTerminal(late);
                assertEquals("execution_completed", rest.getLast().get("type"));
            }
        }
    }

    @Test
    void badExecutionMessagesGetSpecificErrorsAndChangeNothing() {
        try (WsClient c = WsClient.connect(server.port(), "graph=errs"); WsClient other = graphWith("elsewhere", "chain")) {
            c.next("sync_graph");
            c.send(execute("{\"diagram\":5}", "x"));
            assertEquals("payload.diagram", Fields.asObject(c.nextError("invalid_message").get("details")).get("field"));
            c.send(execute("{\"options\":{\"timeoutSeconds\":-1}}", "x"));
            c.nextError("invalid_message");
            c.send(control("pause_execution", "no-such-run"));
            c.nextError("unknown_execution");
            c.send("{\"type\":\"user_response\",\"payload\":{\"executionId\":\"e\",\"nodeId\":\"n\"}}");
            assertEquals("payload.response", Fields.asObject(c.nextError("invalid_message").get("details")).get("field"));
            c.send(execute("{}", "empty"));
            assertTrue(((String) c.nextError("invalid_diagram").get("message")).contains("no start node"));

            other.send(execute("{}", "o"));
            String id = executionId(other.next("execution_started"));
            c.send(control("cancel_execution", id));
            c.nextError("unknown_execution");
            assertEquals("completed", server.engine().execution(id).map(r -> {
                server.engine().completion(id).orElseThrow().join();
                return server.engine().execution(id).orElseThrow().status().wire();
            }).orElseThrow(), "a client of another graph cannot cancel the run");

            c.send("{\"type\":\"broadcast_event\",\"correlationId\":\"b\",\"payload\":{\"kind\":\"cursor\",\"x\":3}}");
            Map<String, Object> relayed = c.next("broadcast_event");
            assertEquals(Map.of("kind", "cursor", "x", 3L), WsClient.payload(relayed));
            assertFalse(types(List.of(relayed)).contains("error"));
        }
    }
}
