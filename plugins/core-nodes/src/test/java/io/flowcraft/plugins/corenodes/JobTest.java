package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a code job outputs, in each language, on this host's sandbox. */
class JobTest {
    @TempDir
    Path base;

    private final Job job = new Job();

    private NodeResult run(String language, String code, Map<String, ?> inputs) throws Exception {
        return job.execute(TestContext.of(Map.of("language", language, "code", code), inputs, base));
    }

    @Test
    void pythonOutputsTheGlobalResultComputedFromInputsByLabel() throws Exception {
        NodeResult result = run("python", "print('working')\nresult = {'sum': a + b, 'keys': sorted(inputs)}",
                Map.of("a", 2, "b", 3));
        assertEquals(Map.of("sum", 5L, "keys", List.of("a", "b")), result.output());
        assertEquals("working\n", result.metadata().get("stdout"));
    }

    @Test
    void pythonCallsFunctionNameWithTheInputs() throws Exception {
        NodeResult result = job.execute(TestContext.of(Map.of("language", "python", "function_name", "double",
                "code", "def double(inputs):\n    return [x * 2 for x in inputs['xs']]\n"), Map.of("xs", List.of(1, 2)),
                base));
        assertEquals(List.of(2L, 4L), result.output());
    }

    @Test
    void pythonMainIsCalledWhenTheCodeSetsNoResult() throws Exception {
        assertEquals("hi Ada", run("python", "def main(inputs):\n    return 'hi ' + inputs['name']\n",
                Map.of("name", "Ada")).output());
    }

    @Test
    void pythonVariablesOfTheRunAreGlobalsAndInputsWin() throws Exception {
        var ctx = TestContext.of(Map.of("language", "python", "code", "result = [topic, n]"), Map.of("n", 1), base)
                .withVariables(Map.of("topic", "bees", "n", 0));
        assertEquals(List.of("bees", 1L), job.execute(ctx).output());
    }

    @Test
    void pythonTopLevelVariablesTheCodeSetsBecomeRunVariables() throws Exception {
        NodeResult first = run("python", "import math\na = 1\nlabel = 'x'\ndef helper():\n    return 1\n", Map.of());
        assertEquals(Map.of("a", 1L, "label", "x"), first.variables(), "plain values only: no modules or functions");
        var again = TestContext.of(Map.of("language", "python", "code", "a += 1\nresult = f'Iteration with a={a-1}'"),
                Map.of("default", "ignored"), base).withVariables(Map.of("a", 1, "label", "x"));
        NodeResult second = job.execute(again);
        assertEquals("Iteration with a=1", second.output());
        assertEquals(Map.of("a", 2L), second.variables(), "only what changed is set again; inputs never are");
    }

    @Test
    void aPythonValueJsonCannotHoldBecomesText() throws Exception {
        assertEquals("{1, 2}", run("python", "result = {1, 2}", Map.of()).output());
    }

    @Test
    void javascriptOutputsResultOrTheNamedFunction() throws Exception {
        assertEquals(6L, run("javascript", "const total = inputs.xs.reduce((a, b) => a + b, 0);\nlet result = total;",
                Map.of("xs", List.of(1, 2, 3))).output());
        NodeResult named = job.execute(TestContext.of(Map.of("language", "javascript", "function_name", "greet",
                "code", "async function greet(inputs) { return 'hi ' + name; }"), Map.of("name", "Bo"), base));
        assertEquals("hi Bo", named.output());
    }

    @Test
    void bashOutputsItsTrimmedStdoutParsedAsJsonWhenItIsJson() throws Exception {
        assertEquals(Map.of("n", 3L, "who", "Ada"),
                run("shell", "echo \"{\\\"n\\\": $(( $(echo \"$xs\" | tr -cd , | wc -c) + 1 )), \\\"who\\\": \\\"$name\\\"}\"",
                        Map.of("xs", List.of(1, 2, 3), "name", "Ada")).output());
        assertEquals("plain text", run("bash", "echo '  plain text  '", Map.of()).output());
        assertEquals("Ada", run("bash", "printf %s \"$INPUT_name\"", Map.of("name", "Ada")).output());
    }

    @Test
    void aFailingJobReportsTheEndOfItsStandardError() {
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> run("python", "import sys\nprint('about to fail')\nraise ValueError('bad input 42')", Map.of()));
        assertTrue(failure.getMessage().contains("ValueError: bad input 42"), failure.getMessage());
        NodeFailure bash = assertThrows(NodeFailure.class, () -> run("bash", "echo oops >&2; exit 7", Map.of()));
        assertTrue(bash.getMessage().contains("exit code 7") && bash.getMessage().contains("oops"), bash.getMessage());
    }

    @Test
    void aMissingInterpreterIsAClearError() {
        Job nowhere = new Job(new JobRunner(Isolation.host(), new Interpreters(List.of(base.toString()))));
        NodeFailure failure = assertThrows(NodeFailure.class, () -> nowhere.execute(
                TestContext.of(Map.of("language", "python", "code", "result = 1"), Map.of(), base)));
        assertEquals("python3 is not installed on this host; install it or use another language", failure.getMessage());
    }

    @Test
    void unknownLanguagesAndBadFunctionNamesAreRefused() {
        assertThrows(NodeFailure.class, () -> run("typescript", "1", Map.of()));
        NodeFailure failure = assertThrows(NodeFailure.class, () -> job.execute(TestContext.of(Map.of(
                "language", "javascript", "function_name", "x; process.exit(0)", "code", "1"), Map.of(), base)));
        assertTrue(failure.getMessage().contains("not a valid function name"), failure.getMessage());
    }

    @Test
    void codeJobIsTheSameNodeUnderDiPeOsName() throws Exception {
        NodeResult result = new CodeJob().execute(TestContext.of(Map.of("language", "python", "code",
                "result = 'ok'"), Map.of(), base));
        assertEquals("ok", result.output());
        assertEquals("code_job", new CodeJob().descriptor().type());
    }
}
