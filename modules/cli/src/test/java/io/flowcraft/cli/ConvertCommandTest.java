package io.flowcraft.cli;

import io.flowcraft.api.Edge;
import io.flowcraft.api.Graph;
import io.flowcraft.engine.DiagramDocuments;
import io.flowcraft.graph.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code flowcraft convert}: DiPeO light files become native graphs that run the same. */
class ConvertCommandTest extends StandInTest {
    private CliFixture.Outcome convert(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "convert";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--plugins-dir";
        all[args.length + 2] = plugins;
        return CliFixture.run(cwd, "", false, all);
    }

    private static Graph read(String text, DiagramDocuments.Syntax syntax) {
        DiagramDocuments.Ok ok = assertInstanceOf(DiagramDocuments.Ok.class, DiagramDocuments.parse(text, syntax), text);
        return ok.graph();
    }

    @Test
    void aLightDiagramBecomesANativeGraphOnStandardOutput() throws IOException {
        String light = Files.readString(CliFixture.dipeo(cwd, "debate.light.yaml"));
        CliFixture.Outcome r = convert("debate.light.yaml");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        Map<?, ?> document = assertInstanceOf(Map.class, Json.create().parse(r.out()));
        assertEquals(List.of("nodes", "edges", "persons"), List.copyOf(document.keySet()));
        assertTrue(r.out().startsWith("{\n  \"nodes\": [\n    {\n      \"id\": \"start\",\n"), r::toString);
        Graph graph = read(r.out(), DiagramDocuments.Syntax.JSON);
        assertFalse(((DiagramDocuments.Ok) DiagramDocuments.parse(r.out(), DiagramDocuments.Syntax.JSON)).light());
        assertEquals(read(light, DiagramDocuments.Syntax.YAML), graph);
        Edge toJudge = graph.edges().stream().filter(e -> e.target().equals("judge-panel")).findFirst().orElseThrow();
        assertEquals("detect-max-iterations", toJudge.source());
        assertEquals("condtrue", toJudge.sourceHandle().orElseThrow());
        assertEquals("conversation_state", toJudge.data().get("contentType"));
    }

    @Test
    void toAYamlFileWhenOutputEndsInYamlKeepingPromptsAndCodeAsBlocks() throws IOException {
        String light = Files.readString(CliFixture.dipeo(cwd, "simple_iter_code.light.yaml"));
        CliFixture.Outcome r = convert("simple_iter_code.light.yaml", "-o", "converted/simple_iter_code.yaml");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out() + r.err());
        String yaml = Files.readString(cwd.resolve("converted/simple_iter_code.yaml"));
        assertTrue(yaml.startsWith("nodes:\n- id: start\n  type: start\n"), yaml);
        assertTrue(yaml.contains("    code: |\n      a+=1\n      result = f\"Iteration with a={a-1}\"\n"), yaml);
        assertEquals(read(light, DiagramDocuments.Syntax.YAML), read(yaml, DiagramDocuments.Syntax.YAML));

        CliFixture.Outcome json = convert("simple_iter_code.light.yaml", "--to", "json", "-o", "converted/as.txt");
        assertEquals(0, json.exit(), json::toString);
        assertTrue(Files.readString(cwd.resolve("converted/as.txt")).startsWith("{"));
    }

    @Test
    void aConvertedDiagramRunsLikeTheLightOne() throws IOException {
        standIn(call -> "Hello " + call.prompt().replaceAll(".* for (\\w+) who .*", "$1"));
        for (String name : List.of("user_input_demo", "simple_iter_code")) {
            CliFixture.dipeo(cwd, name + ".light.yaml");
            assertEquals(0, convert(name + ".light.yaml", "-o", name + ".yaml").exit());
            List<String> outputs = new java.util.ArrayList<>();
            List<List<String>> orders = new java.util.ArrayList<>();
            for (String file : List.of(name + ".light.yaml", name + ".yaml")) {
                CliFixture.Outcome r = CliFixture.run(cwd, env(), "Ada\n36\n", "run", file, "--plugins-dir", plugins,
                        "--timeout", "30s");
                assertEquals(0, r.exit(), r::toString);
                orders.add(r.completed());
                outputs.add(r.outLines().stream().filter(l -> l.startsWith("output ")).toList().toString());
            }
            assertEquals(orders.get(0), orders.get(1), name);
            assertEquals(outputs.get(0), outputs.get(1), name);
        }
        assertEquals("Hello Ada", Files.readString(cwd.resolve("files/results/greeting.txt")));
        assertEquals(2, standIn.calls().size());
        assertEquals(standIn.calls().get(0).messages(), standIn.calls().get(1).messages());
    }

    @Test
    void anInvalidDiagramIsNotConvertedAndEveryProblemIsNamed() throws IOException {
        CliFixture.diagram(cwd, "unsupported.light.yaml");
        CliFixture.Outcome r = convert("unsupported.light.yaml", "-o", "out.json");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("'template_job'") && r.err().contains("'sideways'"), r::toString);
        assertTrue(r.err().contains("warning: unsupported.light.yaml: node 'Save' (save): endpoint has no property 'temprature'"),
                r::toString);
        assertFalse(Files.exists(cwd.resolve("out.json")));

        CliFixture.diagram(cwd, "unknown_labels.light.yaml");
        CliFixture.Outcome labels = convert("unknown_labels.light.yaml");
        assertEquals(2, labels.exit(), labels::toString);
        assertTrue(labels.err().contains("'Chek'") && labels.err().contains("'Nowhere'"), labels::toString);
    }

    @Test
    void withoutAPluginsDirectoryItConvertsAndSaysWhatWasNotChecked() throws IOException {
        CliFixture.dipeo(cwd, "simple_iter.light.yaml");
        CliFixture.Outcome r = CliFixture.run(cwd, "", false, "convert", "simple_iter.light.yaml", "--to", "yaml");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().startsWith("warning: no plugins directory at "), r::toString);
        assertTrue(r.out().startsWith("nodes:\n"), r::toString);
    }

    @Test
    void usageMistakesExitTwo() {
        CliFixture.Outcome none = CliFixture.run(cwd, "", false, "convert");
        assertEquals(2, none.exit());
        assertEquals(List.of("flowcraft convert: name the diagram file to convert (.json, .yaml or .yml)",
                "Try 'flowcraft convert --help'."), none.errLines());
        CliFixture.Outcome to = CliFixture.run(cwd, "", false, "convert", "a.yaml", "--to", "xml", "--bogus");
        assertEquals(List.of("flowcraft convert: --to takes json or yaml, got 'xml'", "flowcraft convert: unknown option --bogus",
                "Try 'flowcraft convert --help'."), to.errLines());
        CliFixture.Outcome help = CliFixture.run(cwd, "", false, "convert", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: flowcraft convert DIAGRAM"), help::toString);
        CliFixture.Outcome all = CliFixture.run(cwd, "", false, "--help");
        assertTrue(all.out().contains("Usage: flowcraft run DIAGRAM") && all.out().contains("Usage: flowcraft convert"),
                all::toString);
    }
}
