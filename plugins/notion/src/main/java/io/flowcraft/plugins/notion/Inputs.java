package io.flowcraft.plugins.notion;

import io.flowcraft.api.spi.NodeContext;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one node run's values: a field of {@code data} when it is set, else the input that arrived on
 * an edge labelled with the field's name. Object fields also accept JSON text.
 */
final class Inputs {
    private static final Pattern HEX_ID = Pattern.compile("([0-9a-fA-F]{32})(?![0-9a-fA-F])");

    private final NodeContext context;
    private final String operation;

    Inputs(NodeContext context, String operation) {
        this.context = context;
        this.operation = operation;
    }

    /** The field's value, else the input labelled {@code name}; blank text counts as absent. */
    Optional<Object> value(String name) {
        Object field = context.data().get(name);
        if (present(field)) {
            return Optional.of(field);
        }
        Object input = context.inputs().get(name);
        return present(input) ? Optional.of(input) : Optional.empty();
    }

    /** The default (unlabelled) input, when one arrived. */
    Optional<Object> defaultInput() {
        Object input = context.inputs().get("default");
        return present(input) ? Optional.of(input) : Optional.empty();
    }

    /** A text value. */
    Optional<String> text(String name) {
        return value(name).map(v -> v.toString().strip());
    }

    /**
     * A Notion id from a field that may hold an id with or without dashes or a whole Notion URL
     * ({@code https://www.notion.so/Title-0123…cdef}); fails naming the field when missing.
     */
    String id(String name) {
        String raw = text(name).orElseThrow(() -> new NotionFailure(
                "notion " + operation + " needs " + name + " (the field, or an input edge labelled " + name + ")"));
        String compact = raw.replace("-", "");
        Matcher m = HEX_ID.matcher(compact);
        String hex = null;
        while (m.find()) {
            hex = m.group(1);
        }
        if (hex == null) {
            throw new NotionFailure("notion " + operation + ": " + name + " '" + raw
                    + "' is not a Notion id (32 hex digits, with or without dashes) or a Notion URL");
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** A JSON value (object or list), also from JSON text. */
    Optional<Object> json(String name) {
        return value(name).map(v -> parsed(name, v));
    }

    /** A whole number in {@code [min, max]}. */
    OptionalInt integer(String name, int min, int max) {
        Optional<Object> v = value(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        long n;
        try {
            n = v.get() instanceof Number num ? num.longValue() : (long) Double.parseDouble(v.get().toString().strip());
        } catch (NumberFormatException e) {
            throw new NotionFailure("notion " + operation + ": " + name + " must be a number, not '" + v.get() + "'");
        }
        if (n < min || n > max) {
            throw new NotionFailure("notion " + operation + ": " + name + " must be between " + min + " and " + max
                    + ", not " + n);
        }
        return OptionalInt.of((int) n);
    }

    /** Turns JSON text into a value; other values pass through. */
    Object parsed(String name, Object value) {
        if (!(value instanceof String s)) {
            return Json.normalize(value);
        }
        try {
            return Json.parse(s);
        } catch (IOException e) {
            throw new NotionFailure("notion " + operation + ": " + name + " is not valid JSON: " + e.getMessage());
        }
    }

    private static boolean present(Object value) {
        return switch (value) {
            case null -> false;
            case String s -> !s.isBlank();
            case Map<?, ?> m -> !m.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            default -> true;
        };
    }
}
