package io.flowcraft.plugins.corenodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbTest {
    @TempDir
    Path root;

    private final Db db = new Db();

    private Path base() throws Exception {
        return Files.createDirectories(root.resolve("base"));
    }

    private Object run(String operation, String path, Map<String, ?> inputs) throws Exception {
        return db.execute(TestContext.of(Map.of("operation", operation, "file_path", path), inputs, base())).output();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.txt", "a/../../outside.txt", "/etc/passwd", "~/x", ".."})
    void pathsLeavingTheBaseDirectoryAreRefused(String path) throws Exception {
        Files.writeString(root.resolve("outside.txt"), "outside");
        for (String op : List.of("read", "write", "append")) {
            NodeFailure failure = assertThrows(NodeFailure.class, () -> run(op, path, Map.of("v", "x")));
            assertTrue(failure.getMessage().contains(path), failure.getMessage());
        }
        assertEquals("outside", Files.readString(root.resolve("outside.txt")));
    }

    @Test
    void symlinksLeadingOutsideAreRefused() throws Exception {
        Path outsideDir = Files.createDirectories(root.resolve("elsewhere"));
        Path outsideFile = Files.writeString(outsideDir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(base().resolve("link.txt"), outsideFile);
        Files.createSymbolicLink(base().resolve("dir"), outsideDir);
        Files.createSymbolicLink(base().resolve("dangling.txt"), root.resolve("nothing-yet.txt"));
        assertThrows(NodeFailure.class, () -> run("read", "link.txt", Map.of()));
        assertThrows(NodeFailure.class, () -> run("write", "link.txt", Map.of("v", "pwned")));
        assertThrows(NodeFailure.class, () -> run("read", "dir/secret.txt", Map.of()));
        assertThrows(NodeFailure.class, () -> run("write", "dir/new.txt", Map.of("v", "pwned")));
        assertThrows(NodeFailure.class, () -> run("write", "dangling.txt", Map.of("v", "pwned")));
        assertEquals("secret", Files.readString(outsideFile));
        assertFalse(Files.exists(outsideDir.resolve("new.txt")));
        assertFalse(Files.exists(root.resolve("nothing-yet.txt")));
    }

    @Test
    void jsonRoundTripsAndUpdatesDeepMerge() throws Exception {
        Map<String, Object> doc = Map.of("name", "flow", "limits", Map.of("cpu", 2L, "mem", 512L), "tags", List.of("a"));
        assertEquals(doc, run("write", "conf/settings.json", Map.of("doc", doc)));
        assertEquals(doc, run("read", "conf/settings.json", Map.of()));
        Object merged = run("update", "conf/settings.json", Map.of("patch", Map.of("limits", Map.of("cpu", 4))));
        Map<String, Object> expected = Map.of("name", "flow", "limits", Map.of("cpu", 4L, "mem", 512L), "tags", List.of("a"));
        assertEquals(expected, merged);
        assertEquals(expected, run("read", "conf/settings.json", Map.of()));
    }

    @Test
    void yamlRoundTripsByExtensionAndAppendsToLists() throws Exception {
        Map<String, Object> doc = Map.of("title", "Notes: part 1", "items", List.of(1L, "two", true));
        run("write", "notes.yml", Map.of("doc", doc));
        assertTrue(Files.readString(base().resolve("notes.yml")).contains("title: 'Notes: part 1'"));
        assertEquals(doc, run("read", "notes.yml", Map.of()));
        run("append", "log.yaml", Map.of("e", Map.of("step", 1)));
        run("append", "log.yaml", Map.of("e", Map.of("step", 2)));
        assertEquals(List.of(Map.of("step", 1L), Map.of("step", 2L)), run("read", "log.yaml", Map.of()));
    }

    @Test
    void csvReadsRowsKeyedByHeaderAndAppendsInHeaderOrder() throws Exception {
        List<Map<String, Object>> rows = List.of(Map.of("name", "Ada", "note", "likes, commas"),
                Map.of("name", "Bo", "note", "says \"hi\""));
        run("write", "people.csv", Map.of("rows", rows));
        assertEquals(rows, run("read", "people.csv", Map.of()));
        run("append", "people.csv", Map.of("row", Map.of("note", "new", "name", "Cy")));
        List<?> read = (List<?>) run("read", "people.csv", Map.of());
        assertEquals(Map.of("name", "Cy", "note", "new"), read.get(2));
        assertThrows(NodeFailure.class, () -> run("append", "people.csv", Map.of("row", Map.of("age", 3))));
    }

    @Test
    void textAppendsLinesAndDiPeOsSourceDetailsNamesTheFile() throws Exception {
        run("append", "out/log.txt", Map.of("line", "first"));
        run("append", "out/log.txt", Map.of("line", "second"));
        Object text = db.execute(TestContext.of(Map.of("operation", "read", "sub_type", "file",
                "source_details", "out/log.txt"), Map.of(), base())).output();
        assertEquals("first\nsecond\n", text);
    }

    @Test
    void globReadsEveryMatchingFileByPath() throws Exception {
        run("write", "data/a.json", Map.of("v", Map.of("n", 1)));
        run("write", "data/b.txt", Map.of("v", "bee"));
        run("write", "other/c.txt", Map.of("v", "sea"));
        Object out = db.execute(TestContext.of(Map.of("operation", "read", "file_path", "data/*", "glob", true),
                Map.of(), base())).output();
        assertEquals(Map.of("data/a.json", Map.of("n", 1L), "data/b.txt", "bee"), out);
    }

    @Test
    void readingAMissingFileNamesIt() {
        NodeFailure failure = assertThrows(NodeFailure.class, () -> run("read", "nope.json", Map.of()));
        assertTrue(failure.getMessage().contains("nope.json"), failure.getMessage());
    }
}
