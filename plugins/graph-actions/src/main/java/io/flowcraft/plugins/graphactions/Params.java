package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.Node;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads action parameters (JSON values as {@link io.flowcraft.api.JsonValues} describes them),
 * failing with an {@link IllegalArgumentException} whose message is a sentence naming the
 * parameter; the host turns it into an {@code action_failed} error. A parameter that is absent or
 * JSON {@code null} takes its default. Stateless.
 */
final class Params {
    private Params() {
    }

    /**
     * A whole number in {@code [min, max]}. Any integral JSON number is accepted ({@code 3},
     * {@code 3.0}); fractions, strings and booleans are not.
     */
    static int integer(Map<String, Object> params, String name, int defaultValue, int min, int max) {
        Object v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            BigDecimal d = toBigDecimal(n);
            if (d != null && d.stripTrailingZeros().scale() <= 0
                    && d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return d.intValueExact();
            }
        }
        throw new IllegalArgumentException("Parameter '" + name + "' must be a whole number from " + min + " to "
                + max + ", but it is " + describe(v) + ".");
    }

    /** A non-blank string, or the default when absent. */
    static String string(Map<String, Object> params, String name, String defaultValue) {
        Object v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("Parameter '" + name + "' must be a non-empty string, but it is "
                + describe(v) + ".");
    }

    /** A non-blank string that must be given; {@code what} says what it names. */
    static String requiredString(Map<String, Object> params, String name, String what) {
        Object v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' is required: " + what + ".");
        }
        return string(params, name, null);
    }

    /** {@code true} or {@code false}, or the default when absent. */
    static boolean bool(Map<String, Object> params, String name, boolean defaultValue) {
        Object v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("Parameter '" + name + "' must be true or false, but it is "
                + describe(v) + ".");
    }

    /** The node's {@code data.label} when it is a non-blank string, else its id. */
    static String label(Node node) {
        return node.data().get("label") instanceof String s && !s.isBlank() ? s : node.id();
    }

    private static BigDecimal toBigDecimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            case Float f when Float.isFinite(f) -> BigDecimal.valueOf(f);
            default -> null;
        };
    }

    private static String describe(Object v) {
        String text = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
