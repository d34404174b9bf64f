package io.flowcraft.graph;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed fields from a parsed JSON object and collects every missing or ill-typed one.
 *
 * <p>Typical use: create a {@link Fields.Problems} collector, read all fields of a message with
 * the {@code require…}/{@code optional…} methods (which return a harmless default after recording
 * a problem), then call {@link Problems#throwIfAny()}. Not thread-safe; use one per message.
 */
public final class Fields {
    private final Map<String, Object> map;
    private final String path;
    private final Problems problems;

    private Fields(Map<String, Object> map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Reads from {@code map}, naming fields below {@code path}.
     *
     * @param map      the object
     * @param path     its path (empty for the top level)
     * @param problems where problems are collected
     * @return a reader
     */
    public static Fields of(Map<String, Object> map, String path, Problems problems) {
        return new Fields(map, path, problems);
    }

    /**
     * The object being read.
     *
     * @return the map
     */
    public Map<String, Object> map() {
        return map;
    }

    /**
     * The path of a field of this object.
     *
     * @param key the field
     * @return its full path
     */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * A required non-empty string.
     *
     * @param key the field
     * @return the value, or {@code ""} after recording a problem
     */
    public String requireString(String key) {
        Object v = map.get(key);
        if (v instanceof String s && !s.isEmpty()) {
            return s;
        }
        problems.add(path(key), "a non-empty string", v, map.containsKey(key));
        return "";
    }

    /**
     * An optional string; {@code null} counts as absent.
     *
     * @param key the field
     * @return the value, if present and a string
     */
    public Optional<String> optionalString(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        problems.add(path(key), "a string", v, true);
        return Optional.empty();
    }

    /**
     * A required integer of at least {@code min}.
     *
     * @param key the field
     * @param min smallest allowed value
     * @return the value, or {@code min} after recording a problem
     */
    public long requireLong(String key, long min) {
        Object v = map.get(key);
        if (v instanceof Long l && l >= min) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && d >= min && d < 9.0e15) {
            return d.longValue();
        }
        problems.add(path(key), "an integer ≥ " + min, v, map.containsKey(key));
        return min;
    }

    /**
     * An optional integer of at least {@code min}.
     *
     * @param key the field
     * @param min smallest allowed value
     * @return the value, if present and valid
     */
    public Optional<Long> optionalLong(String key, long min) {
        return map.get(key) == null ? Optional.empty() : Optional.of(requireLong(key, min));
    }

    /**
     * A required finite number.
     *
     * @param key the field
     * @return the value, or 0 after recording a problem
     */
    public double requireNumber(String key) {
        Object v = map.get(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d;
        }
        problems.add(path(key), "a finite number", v, map.containsKey(key));
        return 0;
    }

    /**
     * A required object.
     *
     * @param key the field
     * @return a reader for it, over an empty map after recording a problem
     */
    public Fields requireObject(String key) {
        Object v = map.get(key);
        Map<String, Object> m = asObject(v);
        if (m == null) {
            problems.add(path(key), "an object", v, map.containsKey(key));
            return new Fields(Map.of(), path(key), problems);
        }
        return new Fields(m, path(key), problems);
    }

    /**
     * An optional object; {@code null} counts as absent.
     *
     * @param key the field
     * @return the object, or an empty map when absent or after recording a problem
     */
    public Map<String, Object> optionalObject(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        Map<String, Object> m = asObject(v);
        if (m == null) {
            problems.add(path(key), "an object", v, true);
            return Map.of();
        }
        return m;
    }

    /**
     * A required array.
     *
     * @param key the field
     * @return the array, or an empty list after recording a problem
     */
    public List<Object> requireArray(String key) {
        Object v = map.get(key);
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            return list;
        }
        problems.add(path(key), "an array", v, map.containsKey(key));
        return List.of();
    }

    /**
     * The value as an object, or {@code null} if it is not one.
     *
     * @param v a parsed JSON value
     * @return the map, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /**
     * Describes the JSON type of a parsed value, for messages.
     *
     * @param v the value
     * @return {@code "a string"}, {@code "null"}, …
     */
    public static String describe(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Long l -> "an integer";
            case Double d -> "a number";
            case BigDecimal bd -> "a number";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    /** Collects field problems across the readers of one message. Not thread-safe. */
    public static final class Problems {
        private final List<FieldProblem> list = new java.util.ArrayList<>();

        /**
         * Records a problem.
         *
         * @param field    the field's path
         * @param expected what was expected
         * @param found    the value found
         * @param present  whether the field was present at all
         */
        public void add(String field, String expected, Object found, boolean present) {
            list.add(new FieldProblem(field, expected, present ? describe(found) : "nothing (missing)"));
        }

        /**
         * Records a problem with a free-form finding.
         *
         * @param problem the problem
         */
        public void add(FieldProblem problem) {
            list.add(problem);
        }

        /**
         * The problems recorded so far.
         *
         * @return an unmodifiable copy
         */
        public List<FieldProblem> list() {
            return List.copyOf(list);
        }

        /**
         * Whether any problem was recorded.
         *
         * @return {@code true} if there is none
         */
        public boolean isEmpty() {
            return list.isEmpty();
        }

        /**
         * Throws if any problem was recorded.
         *
         * @throws InvalidFieldsException listing every problem
         */
        public void throwIfAny() {
            if (!list.isEmpty()) {
                throw new InvalidFieldsException(list);
            }
        }
    }
}
