package io.flowcraft.plugins.graphactions;

import java.util.Map;

/** Reads action parameters, failing with a sentence that names the parameter. */
final class Params {
    private Params() {
    }

    static int integer(Map<String, Object> params, String name, int defaultValue, int min, int max) {
        Object v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Long l && l >= min && l <= max) {
            return l.intValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", got " + v);
    }

    static String string(Map<String, Object> params, String name, String defaultValue) {
        Object v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a non-empty string, got " + v);
    }

    static boolean bool(Map<String, Object> params, String name, boolean defaultValue) {
        Object v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got " + v);
    }

    static String label(io.flowcraft.api.Node node) {
        return node.data().get("label") instanceof String s && !s.isBlank() ? s : node.id();
    }
}
