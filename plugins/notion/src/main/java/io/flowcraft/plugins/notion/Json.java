package io.flowcraft.plugins.notion;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text to and from plain-Java JSON values (maps, lists, strings, numbers, booleans). Thread-safe. */
final class Json {
    private static final JSON JSON_RW = JSON.builder().build();

    private Json() {
    }

    /** Parses JSON text; {@link IOException} when it is not JSON. */
    static Object parse(String text) throws IOException {
        return normalize(JSON_RW.anyFrom(text));
    }

    /** Writes a JSON value as compact JSON text. */
    static String write(Object value) {
        try {
            return JSON_RW.asString(normalize(value));
        } catch (IOException e) {
            throw new NotionFailure("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Copies a parsed value into mutable maps (keys as text) and lists. */
    static Object normalize(Object value) {
        return switch (value) {
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
            case null, default -> value;
        };
    }

    /** The object under {@code key}, or an empty map when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> map, String key) {
        return map.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The list under {@code key}, or an empty list when it is absent or not a list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
