package io.flowcraft.cli;

import io.flowcraft.api.Graph;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.engine.DiagramDocuments;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a diagram file: {@code .json} with the graph module's JSON codec, {@code .yaml} and
 * {@code .yml} with SnakeYAML's safe loader (plain maps, lists and scalars only; no custom types;
 * duplicate keys refused); then {@link DiagramDocuments} turns the document into a graph.
 */
final class DiagramFiles {
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private DiagramFiles() {
    }

    /** What reading gave. */
    sealed interface Loaded {
    }

    /**
     * The file holds this diagram.
     *
     * @param graph the diagram
     * @param light whether the file is a DiPeO light document
     */
    record Ok(Graph graph, boolean light) implements Loaded {
    }

    /** The file cannot be run; each problem is a sentence for a person. */
    record Bad(List<String> problems) implements Loaded {
        Bad {
            problems = List.copyOf(problems);
        }
    }

    static Loaded load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (!yaml && !name.endsWith(".json")) {
            return new Bad(List.of(file + ": a diagram file ends in .json, .yaml or .yml"));
        }
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return new Bad(List.of(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB"));
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new Bad(List.of(file + ": no such file"));
        } catch (CharacterCodingException e) {
            return new Bad(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            return new Bad(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
        return switch (DiagramDocuments.parse(text, yaml ? DiagramDocuments.Syntax.YAML : DiagramDocuments.Syntax.JSON)) {
            case DiagramDocuments.Ok ok -> new Ok(ok.graph(), ok.light());
            case DiagramDocuments.Invalid invalid -> new Bad(invalid.problems().stream()
                    .map(p -> file + ": " + describe(p)).toList());
        };
    }

    static String describe(Problem p) {
        return p.message() + " [" + p.code() + "]";
    }
}
