package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointTest {
    @TempDir
    Path base;

    private final Endpoint endpoint = new Endpoint();

    @Test
    void outputsTheSingleInputTheInputsMapOrNull() throws Exception {
        assertEquals("done", endpoint.execute(TestContext.of(Map.of(), Map.of("a", "done"), base)).output());
        assertEquals(Map.of("a", 1L, "b", 2L), endpoint.execute(TestContext.of(Map.of(), Map.of("a", 1, "b", 2), base)).output());
        assertNull(endpoint.execute(TestContext.of(Map.of(), Map.of(), base)).output());
    }

    @Test
    void savesInTheFormatOfTheExtensionOrTheField() throws Exception {
        NodeResult saved = endpoint.execute(TestContext.of(Map.of("save_to_file", true, "file_path", "results/answer.md"),
                Map.of("a", "Iteration with a=10"), base));
        assertEquals("Iteration with a=10", Files.readString(base.resolve("results/answer.md")));
        assertEquals("results/answer.md", saved.metadata().get("saved_to"));
        endpoint.execute(TestContext.of(Map.of("save_to_file", true, "file_path", "out.data", "file_format", "json"),
                Map.of("a", Map.of("k", "v")), base));
        assertEquals("{\n  \"k\" : \"v\"\n}\n", Files.readString(base.resolve("out.data")));
        endpoint.execute(TestContext.of(Map.of("save_to_file", true, "file_path", "out.yaml"),
                Map.of("a", Map.of("k", "v")), base));
        assertEquals("k: v\n", Files.readString(base.resolve("out.yaml")));
    }

    @Test
    void refusesToSaveOutsideTheBaseDirectory() {
        Map<String, Object> data = new HashMap<>(Map.of("save_to_file", true, "file_path", "../escaped.txt"));
        assertThrows(NodeFailure.class, () -> endpoint.execute(TestContext.of(data, Map.of("a", "x"), base)));
        assertFalse(Files.exists(base.resolveSibling("escaped.txt")));
    }
}
