package io.flowcraft.plugins.corenodes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads typed values out of a node's {@code data}, accepting the loose forms diagrams contain. */
final class Fields {
    private Fields() {
    }

    /** The first of {@code names} that holds a non-blank value, as text. */
    static Optional<String> string(Map<String, Object> data, String... names) {
        for (String name : names) {
            Object value = data.get(name);
            if (value != null && !value.toString().isBlank()) {
                return Optional.of(value.toString());
            }
        }
        return Optional.empty();
    }

    /** A boolean field; {@code "true"} counts, anything else absent means {@code fallback}. */
    static boolean bool(Map<String, Object> data, String name, boolean fallback) {
        return switch (data.get(name)) {
            case Boolean b -> b;
            case String s when !s.isBlank() -> Boolean.parseBoolean(s.strip());
            case null, default -> fallback;
        };
    }

    /** A whole-number field, from a number or numeric text. */
    static OptionalLong integer(Map<String, Object> data, String name) {
        return switch (data.get(name)) {
            case Number n -> OptionalLong.of(n.longValue());
            case String s when !s.isBlank() -> {
                try {
                    yield OptionalLong.of((long) Double.parseDouble(s.strip()));
                } catch (NumberFormatException e) {
                    throw new NodeFailure("field '" + name + "' must be a number, not '" + s + "'");
                }
            }
            case null, default -> OptionalLong.empty();
        };
    }

    /** A list of strings, from a list or from comma-separated text. */
    static List<String> strings(Map<String, Object> data, String... names) {
        for (String name : names) {
            Object value = data.get(name);
            List<String> out = new ArrayList<>();
            if (value instanceof Collection<?> c) {
                c.stream().filter(v -> v != null && !v.toString().isBlank())
                        .forEach(v -> out.add(v.toString().strip()));
            } else if (value != null) {
                for (String part : value.toString().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
            if (!out.isEmpty()) {
                return List.copyOf(out);
            }
        }
        return List.of();
    }
}
