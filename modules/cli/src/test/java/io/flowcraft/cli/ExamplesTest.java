package io.flowcraft.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diagrams of the repository's {@code examples/} run end to end as the README says
 * ({@code flowcraft run examples/X.yaml} from the folder holding {@code examples/}), through the
 * real plugin jars, their persons answered by the OpenAI stand-in.
 */
class ExamplesTest extends StandInTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("flowcraft.examplesDir", "../../examples"));

    @BeforeEach
    void copyExamples() throws IOException {
        Path to = cwd.resolve("examples");
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = EXAMPLES.relativize(file);
                if (!relative.startsWith("results")) {
                    Files.copy(file, Files.createDirectories(to.resolve(relative).getParent()).resolve(file.getFileName()));
                }
            }
        }
    }

    private CliFixture.Outcome run(String example, String stdin, String... inputs) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "examples/" + example, "--plugins-dir", plugins,
                "--timeout", "30s"));
        for (String input : inputs) {
            args.addAll(List.of("--input", input));
        }
        CliFixture.Outcome r = CliFixture.run(cwd, env(), stdin, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "no warnings, no problems");
        assertFalse(r.out().contains(KEY), r::toString);
        standIn.calls().forEach(c -> assertEquals("gpt-4.1-mini", c.model()));
        return r;
    }

    private String result(String name) throws IOException {
        return Files.readString(cwd.resolve("examples/results").resolve(name));
    }

    @Test
    void debateThreeRoundsEachThenTheJudgeReadsBothClosingArguments() throws IOException {
        standIn(Persons.recognisedBy(Map.of("for the motion", "Advocate", "against the motion", "Critic",
                "judge", "Judge")));
        CliFixture.Outcome r = run("debate.yaml", "", "topic=Remote work beats the office");
        assertEquals(List.of("Start", "Advocate", "Critic", "Rounds Done?", "Advocate (run 2)", "Critic (run 2)",
                "Rounds Done? (run 2)", "Advocate (run 3)", "Critic (run 3)", "Rounds Done? (run 3)", "Judge",
                "Save Verdict"), r.completed(), r::toString);
        OpenAiStandIn.Call judge = standIn.callsWithSystem("judge").getFirst();
        assertTrue(judge.prompt().startsWith("Motion: Remote work beats the office\n\nClosing argument for: Advocate turn 3 on: "
                + "Critic turn 2 on: "), judge::toString);
        assertTrue(judge.prompt().contains("\n\nClosing argument against: Critic turn 3 on: Advocate turn 3"), judge::toString);
        // ALL_MESSAGES: in its third round the Critic sees its two earlier exchanges
        assertEquals(5, standIn.callsWithSystem("against the motion").getLast().turns().size());
        assertTrue(result("debate-verdict.md").startsWith("Judge turn 1 on: "), result("debate-verdict.md"));
    }

    @Test
    void dataPipelineTotalsTheCsvAndWritesOneNotePerCustomerAboveTheBar() throws IOException {
        standIn(call -> "Thank you, " + call.prompt().replaceAll(".* note to (.+?), who .*", "$1") + "!");
        run("data-pipeline.yaml", "");
        // three calls at once: they may arrive in any order, the report keeps the customers' order
        assertEquals(java.util.Set.of("Write a two-sentence thank-you note to Grace Hopper, who placed 2 orders worth 150.0 EUR with us this month.",
                "Write a two-sentence thank-you note to Alan Turing, who placed 2 orders worth 114.0 EUR with us this month.",
                "Write a two-sentence thank-you note to Ada Lovelace, who placed 2 orders worth 106.5 EUR with us this month."),
                java.util.Set.copyOf(standIn.calls().stream().map(OpenAiStandIn.Call::prompt).toList()));
        assertEquals(3, standIn.calls().size());
        assertEquals("""
                # Thank-you notes

                ## Grace Hopper: 2 orders, 150.00 EUR

                Thank you, Grace Hopper!

                ## Alan Turing: 2 orders, 114.00 EUR

                Thank you, Alan Turing!

                ## Ada Lovelace: 2 orders, 106.50 EUR

                Thank you, Ada Lovelace!
                """, result("thank-you-notes.md"));
    }

    @Test
    void dataPipelineEndsAtNobodyToThankWhenNoCustomerReachesTheBar() throws IOException {
        standIn(call -> "unused");
        CliFixture.Outcome r = run("data-pipeline.yaml", "", "min_total=1000");
        assertEquals(List.of("Start", "Load Orders", "Totals per Customer", "Anyone to Thank?", "Nobody to Thank"),
                r.completed(), r::toString);
        assertEquals(List.of(), standIn.calls());
        assertFalse(Files.exists(cwd.resolve("examples/results/thank-you-notes.md")));
    }

    @Test
    void greetingAsksTheNameOnStandardInputAndSavesTheGreeting() throws IOException {
        standIn(call -> "Welcome, " + call.prompt().replaceAll("Greet (\\w+) .*", "$1") + "!");
        CliFixture.Outcome r = run("greeting.yaml", "Grace\n");
        assertTrue(r.outLines().contains("interactive_prompt Ask Name (answer within 300 s): What is your name?"), r::toString);
        assertEquals("Greet Grace warmly in one or two sentences and wish them a good day.", standIn.calls().getFirst().prompt());
        assertEquals("Welcome, Grace!", result("greeting.txt"));
    }
}
