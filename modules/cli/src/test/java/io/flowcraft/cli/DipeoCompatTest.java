package io.flowcraft.cli;

import io.flowcraft.graph.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four DiPeO example diagrams ({@code src/test/resources/dipeo}, unchanged upstream files) run
 * through {@code flowcraft run} with the real core-nodes and llm-openai plugin jars, their LLM
 * calls answered by a loopback stand-in of OpenAI's Chat Completions reached through
 * {@code OPENAI_BASE_URL}. Asserts what a user sees: the nodes in the order they ran, loops ending
 * at their max_iteration, what each person was sent, the files written, and that the API key
 * shows up nowhere in the output.
 */
class DipeoCompatTest extends StandInTest {
    private static final String TOPIC = "Should cities ban cars from their centres?";

    private CliFixture.Outcome run(String diagram, Function<OpenAiStandIn.Call, String> answers, String stdin)
            throws IOException {
        standIn(answers);
        CliFixture.dipeo(cwd, diagram);
        CliFixture.Outcome r = CliFixture.run(cwd, env(), stdin, "run", diagram, "--plugins-dir", plugins,
                "--timeout", "30s");
        assertEquals(0, r.exit(), r::toString);
        assertFalse(r.out().contains(KEY) || r.err().contains(KEY), "the API key is printed: " + r);
        assertEquals("", r.err(), "nothing on stderr");
        for (OpenAiStandIn.Call call : standIn.calls()) {
            assertEquals("Bearer " + KEY, call.authorization(), "the key from OPENAI_API_KEY is sent");
            assertTrue(call.stream(), "the plugin streams");
        }
        return r;
    }

    private static List<String> prompts(List<OpenAiStandIn.Call> calls) {
        return calls.stream().map(OpenAiStandIn.Call::prompt).toList();
    }

    @Test
    void debateTwoGoldfishDebatersTakeTurnsUntilTheirMaxIterationsThenTheJudgeWritesTheVerdict() throws IOException {
        Files.createDirectories(cwd.resolve("files/uploads"));
        Files.writeString(cwd.resolve("files/uploads/questions.txt"), TOPIC + "\n");
        CliFixture.Outcome r = run("debate.light.yaml", Persons.recognisedBy(Map.of("enthusiasm", "Optimist",
                "skepticism", "Pessimist", "judge", "Judge")), "");

        // Optimist and Pessimist both start on the topic (their `first` inputs); afterwards each
        // waits for the other: the condition sends Pessimist's turn back to Optimist until every
        // person_job in the loop has reached its max_iteration (Optimist 2, Pessimist 3). Optimist's
        // third turn is skipped and its last answer handed on (DiPeO's MAXITER_REACHED).
        List<String> done = r.completed();
        assertEquals(List.of("Start", "Load Topic"), done.subList(0, 2), r::toString);
        assertEquals(List.of("Detect Max Iterations (run 3)", "Judge Panel", "Save Verdict"),
                done.subList(done.size() - 3, done.size()), r::toString);
        assertEquals(List.of("Optimist", "Optimist (run 2)"), only(done, "Optimist"), r::toString);
        assertEquals(List.of("Pessimist", "Pessimist (run 2)", "Pessimist (run 3)"), only(done, "Pessimist"), r::toString);
        assertEquals(12, done.size(), r::toString);
        assertOrder(done, "Load Topic", "Optimist", "Pessimist (run 2)", "Pessimist (run 3)");
        assertOrder(done, "Load Topic", "Pessimist", "Detect Max Iterations", "Optimist (run 2)", "Pessimist (run 3)");
        assertOrder(done, "Pessimist (run 2)", "Detect Max Iterations (run 2)");
        assertTrue(r.outLines().contains("node_skipped Optimist: reached its max_iteration (2); its last output is passed on"),
                r::toString);
        assertFalse(r.out().contains("node_started Optimist (run 3)"), r::toString);
        assertFalse(r.out().contains("node_skipped Judge Panel") || r.out().contains("node_skipped Save Verdict"),
                () -> "a pass that dies after the loop was left skips nothing outside it: " + r);

        List<OpenAiStandIn.Call> optimist = standIn.callsWithSystem("enthusiasm");
        List<OpenAiStandIn.Call> pessimist = standIn.callsWithSystem("skepticism");
        List<OpenAiStandIn.Call> judge = standIn.callsWithSystem("judge");
        assertEquals(6, standIn.calls().size());
        // the file's text as it is, line break included
        assertEquals(List.of("Suggest a reasonable argument: " + TOPIC + "\n",
                "Argue against the argument.\n\nPessimist turn 1"), prompts(optimist));
        assertEquals(List.of("Suggest a reasonable argument: " + TOPIC + "\n",
                "Argue against the argument.\n\nOptimist turn 1",
                "Argue against the argument.\n\nOptimist turn 2 on: Pessimist turn 1"), prompts(pessimist));
        assertEquals("You argue with enthusiasm and highlight positive opportunities. Keep responses under 25 words.\n",
                optimist.getFirst().system());
        for (OpenAiStandIn.Call call : standIn.calls()) {
            assertEquals("gpt-5-nano-2025-08-07", call.model());
        }
        for (OpenAiStandIn.Call call : concat(optimist, pessimist)) {
            assertEquals(1, call.turns().size(), "a GOLDFISH debater sees no earlier turns: " + call);
        }
        // The conversation_state edges hand Pessimist's conversation (which took in Optimist's
        // turns) to the judge, who remembers ALL_MESSAGES: it sees the whole debate, each answer
        // under its speaker's name, then its own prompt; the last answer is not said twice.
        assertEquals(List.of("user: Pessimist: Pessimist turn 1", "user: Optimist: Optimist turn 1",
                "user: Pessimist: Pessimist turn 2 on: Optimist turn 1",
                "user: Optimist: Optimist turn 2 on: Pessimist turn 1",
                "user: Pessimist: Pessimist turn 3 on: Optimist turn 2 on: Pessimist turn 1",
                "user: Judge which panel is more reasonable."), judge.getFirst().turns());
        String verdict = "Judge turn 1";
        assertEquals(List.of("Judge which panel is more reasonable."), prompts(judge));
        assertTrue(judge.getFirst().system().startsWith("You are an impartial debate judge."));
        assertEquals(verdict, Files.readString(cwd.resolve("files/results/output.txt")));
        assertTrue(r.outLines().contains("output Save Verdict: " + verdict), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("execution_completed ") && l.contains(" tokens in, ")),
                r::toString);
    }

    @Test
    void simpleIterThePrinterSaysHiThreeTimesRememberingItsTurnsThenIsAskedHowOften() throws IOException {
        CliFixture.Outcome r = run("simple_iter.light.yaml", call -> call.prompt().equals("say hi")
                ? "hi #" + (call.turns().size() + 1) / 2 : "I responded " + call.turns().size() / 2 + " times.", "");

        assertEquals(List.of("start", "printer", "condition", "printer (run 2)", "condition (run 2)",
                "printer (run 3)", "condition (run 3)", "ask", "endpoint"), r.completed(), r::toString);
        List<OpenAiStandIn.Call> calls = standIn.calls();
        assertEquals(List.of("say hi", "say hi", "say hi", "How many times did you respond?"), prompts(calls));
        // ALL_MESSAGES: person 1 sees its earlier turns (the answer the condition hands back is
        // already among them, so it is not repeated in the prompt); the person has no system prompt
        assertEquals(List.of("user: say hi", "assistant: hi #1", "user: say hi", "assistant: hi #2", "user: say hi",
                "assistant: hi #3", "user: How many times did you respond?"), calls.getLast().turns());
        assertEquals(5, calls.get(2).turns().size());
        assertTrue(calls.stream().allMatch(c -> c.system().isEmpty()), calls::toString);
        assertEquals("I responded 3 times.", Files.readString(cwd.resolve("files/results/total.txt")));
    }

    @Test
    void simpleIterCodeLoopsUntilAIsAboveTenAndWritesTheLastResult() throws IOException {
        // DiPeO's exporter runs the code jobs in one Python namespace: a=1, then a+=1 until a > 10,
        // and the endpoint writes the last result
        CliFixture.Outcome r = run("simple_iter_code.light.yaml", call -> "unused", "");
        List<String> expected = new ArrayList<>(List.of("Start", "Code Job~1"));
        for (int i = 1; i <= 10; i++) {
            String run = i == 1 ? "" : " (run " + i + ")";
            expected.add("Code Job" + run);
            expected.add("Condition" + run);
        }
        expected.add("Endpoint");
        assertEquals(expected, r.completed(), r::toString);
        assertEquals("Iteration with a=10", Files.readString(cwd.resolve("files/results/simple_iter_output.txt")));
        assertEquals(List.of(), standIn.calls());
    }

    @Test
    void userInputDemoAsksNameAndAgeOnStdinAndTheGreeterGetsThemInItsPrompt() throws IOException {
        CliFixture.Outcome r = run("user_input_demo.light.yaml",
                call -> "Hello " + call.prompt().replaceAll(".* for (\\w+) who is (\\d+) years.*", "$1, $2 years young!"),
                "Ada\n36\n");
        assertEquals(List.of("start", "ask_name", "ask_age", "greet", "endpoint"), r.completed(), r::toString);
        assertTrue(r.outLines().contains("interactive_prompt ask_name (answer within 30 s): What is your name?"), r::toString);
        assertTrue(r.outLines().contains("interactive_prompt ask_age (answer within 30 s): How old are you?"), r::toString);
        assertEquals(List.of("user: Generate a personalized greeting for Ada who is 36 years old. Be friendly and warm!"),
                standIn.calls().getFirst().turns());
        assertEquals(1, standIn.calls().size());
        assertEquals("Hello Ada, 36 years young!", Files.readString(cwd.resolve("files/results/greeting.txt")));
    }

    @Test
    void theDebateRunsTheSameInAChildProcessWithTheKeyInItsEnvironment() throws Exception {
        standIn(Persons.recognisedBy(Map.of("enthusiasm", "Optimist", "skepticism", "Pessimist", "judge", "Judge")));
        CliFixture.dipeo(cwd, "debate.light.yaml");
        Files.createDirectories(cwd.resolve("files/uploads"));
        Files.writeString(cwd.resolve("files/uploads/questions.txt"), TOPIC);
        ProcessBuilder pb = CliFixture.child(cwd, "run", "debate.light.yaml", "--plugins-dir", plugins, "--json",
                "--timeout", "30s");
        pb.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("FLOWCRAFT_"));
        pb.environment().put("OPENAI_API_KEY", KEY);
        pb.environment().put("OPENAI_BASE_URL", standIn.baseUrl());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> CliFixture.read(p, false));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> CliFixture.read(p, true));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends");
        assertEquals(0, p.exitValue(), () -> out.join() + err.join());
        assertFalse(out.join().contains(KEY) || err.join().contains(KEY), "the API key is printed");
        assertEquals("", err.join());

        Json json = Json.create();
        List<String> completed = new ArrayList<>();
        for (String line : out.join().lines().toList()) {
            Map<?, ?> message = (Map<?, ?>) json.parse(line);
            if (message.get("type").equals("node_completed")) {
                Map<?, ?> payload = (Map<?, ?>) message.get("payload");
                completed.add(payload.get("nodeId") + "#" + payload.get("iteration"));
            }
        }
        assertEquals(List.of("start#0", "load-topic#0"), completed.subList(0, 2), completed::toString);
        assertEquals(List.of("detect-max-iterations#2", "judge-panel#0", "save-verdict#0"),
                completed.subList(completed.size() - 3, completed.size()), completed::toString);
        assertEquals(2, completed.stream().filter(c -> c.startsWith("optimist#")).count(), completed::toString);
        assertEquals(3, completed.stream().filter(c -> c.startsWith("pessimist#")).count(), completed::toString);
        assertEquals(6, standIn.calls().size());
        assertTrue(standIn.calls().stream().allMatch(c -> c.authorization().equals("Bearer " + KEY)));
        assertEquals("Judge turn 1", Files.readString(cwd.resolve("files/results/output.txt")));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The completions of one node, in order. */
    private static List<String> only(List<String> completed, String label) {
        return completed.stream().filter(c -> c.equals(label) || c.startsWith(label + " (run ")).toList();
    }

    /** Each named completion happened, in this order (others may come between). */
    private static void assertOrder(List<String> completed, String... steps) {
        int at = -1;
        for (String step : steps) {
            int i = completed.indexOf(step);
            assertTrue(i > at, step + " completes after " + String.join(", ", List.of(steps)) + "'s earlier steps: " + completed);
            at = i;
        }
    }
}
