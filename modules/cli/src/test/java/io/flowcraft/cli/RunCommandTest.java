package io.flowcraft.cli;

import io.flowcraft.graph.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.flowcraft.cli.CliFixture.diagram;
import static io.flowcraft.cli.CliFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code flowcraft run} in-process: real diagram files, the real core-nodes plugin, real jobs. */
class RunCommandTest {
    private static final Json JSON = Json.create();
    private static final Set<String> TERMINAL = Set.of("execution_completed", "execution_failed", "execution_cancelled");

    @TempDir
    static Path shared;
    private static String plugins;

    @TempDir
    Path cwd;

    @BeforeAll
    static void plugins() throws IOException {
        plugins = CliFixture.pluginsDir(shared).toString();
    }

    private CliFixture.Outcome runDiagram(String name, String stdin, String... options) throws IOException {
        diagram(cwd, name);
        String[] args = new String[options.length + 4];
        args[0] = "run";
        args[1] = name;
        args[2] = "--plugins-dir";
        args[3] = plugins;
        System.arraycopy(options, 0, args, 4, options.length);
        return run(cwd, stdin, false, args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String line) {
        return assertInstanceOf(Map.class, JSON.parse(line), line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> message) {
        return (Map<String, Object>) message.get("payload");
    }

    @Test
    void linearDiagramRunsBashThenPythonAndTheEndpointWritesItsFileInTheWorkingDirectory() throws IOException {
        CliFixture.Outcome r = runDiagram("linear.json", "", "--input", "who=ada");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("HELLO ADA!", Files.readString(cwd.resolve("files/results/linear.txt")).strip());
        List<String> lines = r.outLines();
        assertTrue(lines.getFirst().startsWith("execution_started "), r::toString);
        List<String> steps = lines.stream().filter(l -> l.startsWith("node_")).map(l -> l.replaceAll(" \\d+ ms$", " N ms"))
                .toList();
        assertEquals(List.of("node_started Start", "node_completed Start N ms", "node_started Greet",
                "node_completed Greet N ms", "node_started Shout", "node_completed Shout N ms",
                "node_started Save", "node_completed Save N ms"), steps, r::toString);
        assertTrue(lines.contains("output Save: HELLO ADA!"), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("execution_completed ")), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void jsonPrintsOnlyProtocolMessagesEndingWithExactlyOneTerminalEvent() throws IOException {
        CliFixture.Outcome r = runDiagram("linear.json", "", "--json", "--input", "who=bo");
        assertEquals(0, r.exit(), r::toString);
        List<Map<String, Object>> messages = r.outLines().stream().map(RunCommandTest::object).toList();
        for (Map<String, Object> m : messages) {
            assertEquals(Set.of("type", "payload", "timestamp"), m.keySet(), m::toString);
            assertTrue(payload(m).get("executionId") instanceof String, m::toString);
        }
        List<String> types = messages.stream().map(m -> (String) m.get("type")).toList();
        assertEquals("execution_started", types.getFirst());
        assertEquals(1, types.stream().filter(TERMINAL::contains).count(), types::toString);
        assertEquals("execution_completed", types.getLast());
        assertEquals(4, types.stream().filter("node_completed"::equals).count(), types::toString);
        Map<String, Object> last = payload(messages.getLast());
        assertEquals(Map.of("save", "HELLO BO!"), last.get("outputs"));
        assertTrue(last.get("durationMs") instanceof Long, last::toString);
    }

    @Test
    void inputsReachTheStartNodesOutputAsJsonValuesOrText() throws IOException {
        CliFixture.Outcome r = runDiagram("linear.json", "", "--json", "-i", "who=ada", "--input", "n=3",
                "--input=flags={\"fast\":true}", "--input", "note=not json {");
        assertEquals(0, r.exit(), r::toString);
        Map<String, Object> start = r.outLines().stream().map(RunCommandTest::object)
                .filter(m -> m.get("type").equals("node_completed") && payload(m).get("nodeId").equals("start"))
                .findFirst().map(RunCommandTest::payload).orElseThrow();
        assertEquals(Map.of("who", "ada", "n", 3L, "flags", Map.of("fast", true), "note", "not json {"),
                start.get("output"));
    }

    @Test
    void aQuestionIsAnsweredFromStandardInput() throws IOException {
        CliFixture.Outcome r = runDiagram("ask.light.yaml", "Ada Lovelace\n");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.outLines().contains("interactive_prompt Ask Name (answer within 2 s): What is your name?"),
                r::toString);
        assertTrue(r.outLines().contains("output Done: Hi Ada Lovelace"), r::toString);
    }

    @Test
    void withoutAnAnswerTheQuestionTimesOutAndTheRunFails() throws IOException {
        long start = System.nanoTime();
        CliFixture.Outcome r = runDiagram("ask.light.yaml", "");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("node_failed Ask Name: "), r::toString);
        assertTrue(r.out().contains("nobody answered"), r::toString);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "ends soon after the 2 s timeout");
    }

    @Test
    void unsupportedConstructsOfALightDiagramAreNamedUnknownTypesAndHandlesAsErrors() throws IOException {
        CliFixture.Outcome r = runDiagram("unsupported.light.yaml", "");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        String err = r.err();
        assertTrue(err.contains("has type 'template_job', which no plugin provides [unknown_node_type]"), err);
        assertTrue(err.contains("output handle 'sideways' of node 'Start' (start)") && err.contains("[unknown_handle]"), err);
        assertTrue(err.contains("warning: unsupported.light.yaml: node 'Save' (save): endpoint has no property 'temprature'"),
                err);
        assertTrue(err.contains("content_type 'raw_txt'") && err.contains("[unknown_content_type]"), err);
        assertTrue(err.contains("connection e3 (Start → Save) has the property 'color', which nothing reads"), err);
        assertFalse(err.contains("'template'"), "the properties of an unknown type are not listed on top: " + err);
    }

    @Test
    void aMisspeltPropertyIsAWarningAndTheDiagramStillRuns() throws IOException {
        CliFixture.Outcome r = runDiagram("misspelt.light.yaml", "");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(List.of("warning: misspelt.light.yaml: node 'Save' (save): endpoint has no property 'save_to_fil',"
                + " so it is ignored; its properties are file_format, file_name, file_path, save_to_file [unknown_property]"),
                r.errLines());
        assertFalse(Files.exists(cwd.resolve("files/results/out.txt")), "the misspelt save_to_file did not save");
    }

    @Test
    void anInvalidDiagramExitsTwoListingEveryProblemOnStandardError() throws IOException {
        CliFixture.Outcome labels = runDiagram("unknown_labels.light.yaml", "");
        assertEquals(2, labels.exit(), labels::toString);
        assertEquals("", labels.out());
        assertEquals(2, labels.errLines().size(), labels::toString);
        assertTrue(labels.errLines().get(0).contains("names 'Chek', but no node has that label"), labels::toString);
        assertTrue(labels.errLines().get(1).contains("names 'Nowhere'"), labels::toString);

        CliFixture.Outcome graph = runDiagram("invalid_graph.json", "");
        assertEquals(2, graph.exit(), graph::toString);
        assertEquals("", graph.out());
        String err = graph.err();
        assertTrue(err.contains("'teleport'") && err.contains("[unknown_node_type]"), err);
        assertTrue(err.contains("[missing_start_node]"), err);
        assertTrue(err.contains("ghost"), err);
        assertTrue(graph.errLines().size() >= 3, err);
        graph.errLines().forEach(l -> assertTrue(l.startsWith("invalid_graph.json: "), l));
    }

    @Test
    void unreadableFilesAndBadCommandLinesExitTwo() throws IOException {
        Files.writeString(cwd.resolve("broken.yaml"), "nodes: [\n");
        CliFixture.Outcome yaml = run(cwd, "", false, "run", "broken.yaml", "--plugins-dir", plugins);
        assertEquals(2, yaml.exit());
        assertTrue(yaml.err().startsWith(cwd.resolve("broken.yaml") + ": not valid YAML"), yaml::toString);

        CliFixture.Outcome missing = run(cwd, "", false, "run", "nothing.json", "--plugins-dir", plugins);
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nothing.json: no such file"), missing::toString);

        CliFixture.Outcome usage = run(cwd, "", false, "run", "--timeout", "soon", "--bogus");
        assertEquals(2, usage.exit());
        assertEquals(List.of("flowcraft run: --timeout takes a positive duration such as 500ms, 30s, 5m, 1h or a "
                        + "number of seconds; got 'soon'", "flowcraft run: unknown option --bogus",
                "flowcraft run: name the diagram file to run (.json, .yaml or .yml)", "Try 'flowcraft run --help'."),
                usage.errLines());

        CliFixture.Outcome help = run(cwd, "", false, "run", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: flowcraft run DIAGRAM"), help::toString);

        CliFixture.Outcome noPlugins = run(cwd, "", false, "run", diagram(cwd, "linear.json").toString());
        assertEquals(2, noPlugins.exit(), "there is no ./data/plugins here");
        assertTrue(noPlugins.err().contains("data/plugins does not exist"), noPlugins::toString);
    }

    @Test
    void aFailingJobExitsOneAndShowsItsError() throws IOException {
        CliFixture.Outcome r = runDiagram("failing.light.yaml", "");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("node_failed Break: "), r::toString);
        assertTrue(r.out().contains("exit code 3"), r::toString);
        assertTrue(r.out().contains("disk on fire"), r::toString);
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("execution_failed after ") && l.contains(" at Break: ")),
                r::toString);
        assertFalse(r.out().contains("node_started Never"), r::toString);
    }

    @Test
    void theRunTimeoutStopsALongJob() throws IOException {
        long start = System.nanoTime();
        CliFixture.Outcome r = runDiagram("slow.light.yaml", "", "--timeout", "700ms");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("exceeded its time limit of"), r::toString);
        assertTrue(ms < 10_000, "stopped after " + ms + " ms, not after the 30 s nap");
    }

    @Test
    void onATerminalALiveLineShowsWhatRunsAndForHowLong() throws IOException {
        diagram(cwd, "slow.light.yaml");
        CliFixture.Outcome r = run(cwd, "", true, "run", "slow.light.yaml", "--plugins-dir", plugins,
                "--input", "seconds=0.5");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("\r\033[K[1/3] running: Nap  ("), r::toString);
        assertTrue(r.out().contains("✓ Nap  "), r::toString);
        assertTrue(r.out().contains("\noutput Done: rested"), r::toString);
    }

    @Test
    void aDipeoDiagramWhoseProviderIsNotInstalledFailsAtItsPersonNamingTheService() throws IOException {
        CliFixture.dipeo(cwd, "user_input_demo.light.yaml");
        CliFixture.Outcome r = run(cwd, "Ada\n42\n", false, "run", "user_input_demo.light.yaml", "--plugins-dir", plugins);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("node_failed greet") && r.out().contains("no LLM provider serves 'openai'"), r::toString);
    }
}
