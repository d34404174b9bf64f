package io.flowcraft.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the plain-Java form of JSON values used throughout the API.
 *
 * <p>A JSON value is represented as {@code null}, {@link String}, {@link Boolean}, {@link Long},
 * {@link Double}, {@link BigDecimal} (numbers that fit neither), {@link List} of values or
 * {@link Map} from {@code String} to values. Maps keep their insertion order and may hold
 * {@code null} values (JSON {@code null}). Values held by records of this API are deeply
 * immutable. This class is stateless and thread-safe.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * A deeply immutable copy of a JSON object, keeping key order and {@code null} values.
     *
     * @param map the object, {@code null} meaning empty
     * @return an unmodifiable copy
     * @throws IllegalArgumentException if a value is not a JSON value
     */
    public static Map<String, Object> freezeObject(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (isFrozen(map)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) map;
            return same;
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("JSON object keys must not be null");
            }
            copy.put(e.getKey(), freeze(e.getValue()));
        }
        return new FrozenMap(copy);
    }

    /**
     * A deeply immutable copy of a JSON value.
     *
     * @param value a JSON value (see the class description)
     * @return the value itself for scalars, an unmodifiable copy for objects and arrays
     * @throws IllegalArgumentException if the value is not a JSON value
     */
    public static Object freeze(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigInteger bi -> bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
            case BigDecimal bd -> bd;
            case Map<?, ?> m -> freezeObject(castMap(m));
            case List<?> l -> freezeList(l);
            default -> throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        };
    }

    private static List<Object> freezeList(List<?> list) {
        if (list instanceof FrozenList) {
            @SuppressWarnings("unchecked")
            List<Object> same = (List<Object>) list;
            return same;
        }
        List<Object> copy = new ArrayList<>(list.size());
        for (Object o : list) {
            copy.add(freeze(o));
        }
        return new FrozenList(copy);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + k);
            }
        }
        return (Map<String, ?>) m;
    }

    private static boolean isFrozen(Map<String, ?> map) {
        return map instanceof FrozenMap;
    }

    /**
     * Merges a patch into a JSON object: keys of {@code patch} replace those of {@code base}, a
     * {@code null} value removes the key. Neither argument is changed.
     *
     * @param base  the object to start from
     * @param patch the keys to set or (with {@code null}) remove
     * @return the merged, unmodifiable object
     */
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, ?> patch) {
        if (patch.isEmpty()) {
            return freezeObject(base);
        }
        Map<String, Object> out = new LinkedHashMap<>(base);
        patch.forEach((k, v) -> {
            if (v == null) {
                out.remove(k);
            } else {
                out.put(k, freeze(v));
            }
        });
        return new FrozenMap(out);
    }

    /** Marker for an already frozen object, so records built from records do not copy again. */
    private static final class FrozenMap extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> delegate;

        FrozenMap(Map<String, Object> delegate) {
            this.delegate = Collections.unmodifiableMap(delegate);
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            return delegate.entrySet();
        }

        @Override
        public Object get(Object key) {
            return delegate.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return delegate.containsKey(key);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }

    /** Marker for an already frozen array. */
    private static final class FrozenList extends java.util.AbstractList<Object>
            implements java.util.RandomAccess {
        private final List<Object> delegate;

        FrozenList(List<Object> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object get(int index) {
            return delegate.get(index);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }
}
