package io.flowcraft.plugins.corenodes;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text to and from the plain-Java JSON values of {@code io.flowcraft.api.JsonValues}. Thread-safe. */
final class Json {
    private static final JSON COMPACT = JSON.builder().build();
    private static final JSON PRETTY = JSON.builder().enable(JSON.Feature.PRETTY_PRINT_OUTPUT).build();

    private Json() {
    }

    /** Parses JSON text into maps, lists, strings, numbers, booleans and {@code null}. */
    static Object parse(String text) throws IOException {
        return normalize(COMPACT.anyFrom(text));
    }

    /** Writes a JSON value as compact JSON text. */
    static String write(Object value) {
        return write(COMPACT, value);
    }

    /** Writes a JSON value as indented JSON text. */
    static String pretty(Object value) {
        return write(PRETTY, value);
    }

    private static String write(JSON json, Object value) {
        try {
            return json.asString(normalize(value));
        } catch (IOException e) {
            throw new NodeFailure("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Turns what a parser produced into a JSON value: keys become text, collections lists,
     * dates ISO text, bytes base64 and anything unknown its {@code toString()}.
     */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Number n -> n;
            case Character c -> c.toString();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.forEach(v -> out.add(normalize(v)));
                yield out;
            }
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Date d -> d.toInstant().toString();
            case TemporalAccessor t -> t.toString();
            default -> {
                if (value.getClass().isArray()) {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(value); i++) {
                        out.add(normalize(Array.get(value, i)));
                    }
                    yield out;
                }
                yield value.toString();
            }
        };
    }
}
