package io.flowcraft.llm.support;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * JSON in and out, as plain maps and lists (jackson-jr), and paths into what was read. Stateless.
 */
public final class Json {
    private Json() {
    }

    /**
     * Writes a value made of maps, lists, strings, numbers, booleans and nulls.
     *
     * @param value the value
     * @return its JSON text
     */
    public static String write(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON object.
     *
     * @param text the JSON text
     * @return the object, if the text is one
     */
    public static Optional<Map<String, Object>> readObject(String text) {
        try {
            Object value = JSON.std.anyFrom(text);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return Optional.of(object);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Follows a path of object keys ({@code String}) and list indexes ({@code Integer}).
     *
     * @param root the value read
     * @param path the keys and indexes
     * @return the value at the end, if every step exists and is not null
     */
    public static Optional<Object> at(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (step instanceof String key && current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (step instanceof Integer index && current instanceof List<?> list
                    && index >= 0 && index < list.size()) {
                current = list.get(index);
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /**
     * The string at a path.
     *
     * @param root the value read
     * @param path the keys and indexes
     * @return the string, if there is one there
     */
    public static Optional<String> string(Object root, Object... path) {
        return at(root, path).filter(String.class::isInstance).map(String.class::cast);
    }

    /**
     * The whole number at a path.
     *
     * @param root the value read
     * @param path the keys and indexes
     * @return the number, if there is one there
     */
    public static OptionalLong number(Object root, Object... path) {
        return at(root, path).filter(Number.class::isInstance)
                .map(n -> OptionalLong.of(((Number) n).longValue())).orElse(OptionalLong.empty());
    }

    /**
     * The list at a path.
     *
     * @param root the value read
     * @param path the keys and indexes
     * @return the list, empty if there is none there
     */
    public static List<?> list(Object root, Object... path) {
        return at(root, path).filter(List.class::isInstance).map(l -> (List<?>) l).orElse(List.of());
    }
}
