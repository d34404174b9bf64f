package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionTest {
    @TempDir
    Path base;

    private final Condition condition = new Condition();

    private NodeResult eval(String expression, Map<String, ?> inputs) {
        return condition.execute(TestContext.of(Map.of("condition_type", "expression", "expression", expression),
                inputs, base));
    }

    @Test
    void branchesOnTheExpressionAndPassesTheSingleInputOn() {
        NodeResult high = eval("a > 10", Map.of("a", 11));
        assertEquals(Optional.of("condtrue"), high.activeHandle());
        assertEquals(11L, high.output());
        NodeResult low = eval("a > 10", Map.of("a", 10));
        assertEquals(Optional.of("condfalse"), low.activeHandle());
    }

    @Test
    void passesTheInputsMapOnWhenThereAreSeveral() {
        NodeResult result = eval("a == b", Map.of("a", "x", "b", "x"));
        assertEquals(Optional.of("condtrue"), result.activeHandle());
        assertEquals(Map.of("a", "x", "b", "x"), result.output());
    }

    @Test
    void numericTextComparesAsANumber() {
        assertEquals(Optional.of("condfalse"), eval("a > 10", Map.of("a", "5")).activeHandle());
        assertEquals(Optional.of("condtrue"), eval("a > 10", Map.of("a", "50")).activeHandle());
    }

    @Test
    void variablesOverrideInputsAsInDiPeOAndTheInputsMapIsInScope() {
        var ctx = TestContext.of(Map.of("condition_type", "custom", "expression", "a == 'variable' && inputs.a == 'input'"),
                Map.of("a", "input"), base).withVariables(Map.of("a", "variable", "b", 2));
        assertEquals(Optional.of("condtrue"), condition.execute(ctx).activeHandle());
        var vars = TestContext.of(Map.of("expression", "b * 2 == 4"), Map.of(), base).withVariables(Map.of("b", 2));
        assertEquals(Optional.of("condtrue"), condition.execute(vars).activeHandle());
    }

    @Test
    void truthinessOfNonBooleanResults() {
        assertEquals(Optional.of("condfalse"), eval("s", Map.of("s", "")).activeHandle());
        assertEquals(Optional.of("condtrue"), eval("s", Map.of("s", "x")).activeHandle());
        assertEquals(Optional.of("condfalse"), eval("n", Map.of("n", 0)).activeHandle());
        assertEquals(Optional.of("condfalse"), eval("l", Map.of("l", List.of())).activeHandle());
        assertEquals(Optional.of("condtrue"), eval("l", Map.of("l", List.of(1))).activeHandle());
    }

    @Test
    void harmlessMethodsOfTextListsAndMapsWork() {
        assertEquals(Optional.of("condtrue"), eval("s.startsWith('ab') && s.toUpperCase() == 'ABC' && size(s) == 3",
                Map.of("s", "abc")).activeHandle());
        assertEquals(Optional.of("condtrue"), eval("l.contains(2) && l.size() == 3 && l[0] == 1",
                Map.of("l", List.of(1, 2, 3))).activeHandle());
        assertEquals(Optional.of("condtrue"), eval("m.containsKey('k') && m.k == 'v'",
                Map.of("m", Map.of("k", "v"))).activeHandle());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "''.class",
        "''.getClass()",
        "s.class.forName('java.lang.Runtime')",
        "inputs.getClass()",
        "new('java.io.File', '/')",
        "System.exit(1)",
        "java.lang.System.exit(1)",
        "for (x : l) { x }",
        "while (true) { 1 }",
        "a = 5",
        "a += 1",
        "var z = 1",
        "x -> x",
        "function(x) { x }",
        "#pragma jexl.namespace.sys java.lang.System\nsys:exit(1)",
        "m.put('k', 'w')",
        "l.clear()",
        "s.getBytes()",
        "a > ",
    })
    void refusesEverythingButReadingValues(String expression) {
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> eval(expression, Map.of("a", 1, "s", "x", "l", List.of(1), "m", Map.of("k", "v"))));
        assertTrue(failure.getMessage().contains(expression), failure.getMessage());
    }

    @Test
    void aRefusedCallHasNoEffect(@TempDir Path dir) {
        Path victim = dir.resolve("victim");
        assertThrows(NodeFailure.class, () -> eval("new('java.io.File', p).delete()", Map.of("p", victim.toString())));
        assertThrows(NodeFailure.class, () -> eval("m.put('k', 'w') || true", Map.of("m", new java.util.HashMap<>(
                Map.of("k", "v")))));
        assertFalse(Files.exists(victim));
    }

    @Test
    void undefinedNamesAreErrorsNamingTheExpression() {
        NodeFailure failure = assertThrows(NodeFailure.class, () -> eval("missing > 1", Map.of()));
        assertTrue(failure.getMessage().contains("missing > 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("missing"), failure.getMessage());
    }

    @Test
    void detectMaxIterationsFollowsTheLoop() {
        var exhausted = new TestContext.Run(Map.of("job", 3), Map.of("job", 3), Set.of("job"), Map.of());
        var running = new TestContext.Run(Map.of("job", 2), Map.of("job", 3), Set.of("job"), Map.of());
        var ctx = TestContext.of(Map.of("condition_type", "detect_max_iterations"), Map.of("x", "v"), base);
        assertEquals(Optional.of("condtrue"), condition.execute(ctx.withRun(exhausted)).activeHandle());
        assertEquals(Optional.of("condfalse"), condition.execute(ctx.withRun(running)).activeHandle());
        assertEquals("v", condition.execute(ctx.withRun(running)).output());
    }

    @Test
    void checkNodesExecutedAcceptsIdsAndLabels() {
        var run = new TestContext.Run(Map.of("n1", 1, "n2", 2), Map.of(), Set.of(), Map.of("Fetch", "n2", "Never", "n3"));
        var both = TestContext.of(Map.of("condition_type", "check_nodes_executed",
                "target_node_ids", List.of("n1", "Fetch")), Map.of(), base).withRun(run);
        assertEquals(Optional.of("condtrue"), condition.execute(both).activeHandle());
        var missing = TestContext.of(Map.of("condition_type", "check_nodes_executed",
                "target_node_ids", List.of("n1", "Never")), Map.of(), base).withRun(run);
        assertEquals(Optional.of("condfalse"), condition.execute(missing).activeHandle());
    }
}
