package io.flowcraft.plugins.corenodes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and changes files inside a base directory for {@code db} and {@code endpoint}. Paths go
 * through {@link SafePaths}; the final path component is never followed if it is a link.
 */
final class FileStore {
    private FileStore() {
    }

    /** Reads and parses a file. */
    static Object read(Path file, FileFormat format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NodeFailure("file '" + file.getFileName() + "' does not exist");
        }
        return format.read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Replaces the file's content by {@code value}; returns the value. */
    static Object write(Path file, FileFormat format, Object value) throws IOException {
        store(file, format.write(value), false);
        return value;
    }

    /** Adds {@code value} at the end: a line of text, CSV rows, or an element of a JSON/YAML list. */
    static Object append(Path file, FileFormat format, Object value) throws IOException {
        boolean exists = Files.isRegularFile(file);
        String existing = exists ? Files.readString(file, StandardCharsets.UTF_8) : "";
        switch (format) {
            case TXT, MD -> {
                String line = format.write(value);
                String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
                store(file, sep + line + "\n", true);
            }
            case CSV -> {
                List<String> header = existing.isBlank() ? List.of() : FileFormat.csvHeader(existing);
                String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
                store(file, header.isEmpty() ? format.write(value) : sep + FileFormat.csvRows(value, header),
                        !header.isEmpty());
            }
            case JSON, YAML -> {
                Object document = existing.isBlank() ? List.of() : format.read(existing);
                if (!(document instanceof List<?> list)) {
                    throw new NodeFailure("cannot append to '" + file.getFileName() + "': it holds no list");
                }
                List<Object> appended = new ArrayList<>(list);
                appended.add(value);
                store(file, format.write(appended), false);
            }
        }
        return value;
    }

    /** Deep-merges (RFC 7386) an object into the JSON or YAML object in the file; returns the merged document. */
    static Object update(Path file, FileFormat format, Object value) throws IOException {
        if (!format.structured()) {
            throw new NodeFailure("update works on json and yaml files, not " + format.name().toLowerCase());
        }
        if (!(value instanceof Map<?, ?> patch)) {
            throw new NodeFailure("update needs an object to merge, got " + Json.write(value));
        }
        Object document = Files.isRegularFile(file) ? format.read(Files.readString(file, StandardCharsets.UTF_8)) : null;
        if (document != null && !(document instanceof Map<?, ?>)) {
            throw new NodeFailure("cannot update '" + file.getFileName() + "': it holds no object");
        }
        Map<String, Object> merged = deepMerge(document == null ? Map.of() : (Map<?, ?>) document, patch);
        store(file, format.write(merged), false);
        return merged;
    }

    /** RFC 7386 merge patch: objects merge key by key, a {@code null} removes the key, anything else replaces. */
    private static Map<String, Object> deepMerge(Map<?, ?> base, Map<?, ?> patch) {
        Map<String, Object> out = new LinkedHashMap<>();
        base.forEach((k, v) -> out.put(String.valueOf(k), v));
        patch.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null) {
                out.remove(key);
            } else if (v instanceof Map<?, ?> child && out.get(key) instanceof Map<?, ?> existing) {
                out.put(key, deepMerge(existing, child));
            } else {
                out.put(key, v);
            }
        });
        return out;
    }

    private static void store(Path file, String text, boolean append) throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
