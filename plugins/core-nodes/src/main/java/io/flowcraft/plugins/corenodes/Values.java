package io.flowcraft.plugins.corenodes;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers over JSON values shared by the executors. Stateless. */
final class Values {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\- ]+?)\\s*}}");

    private Values() {
    }

    /**
     * What a node passes on: the single input's value when there is exactly one, else the inputs
     * map (empty when none).
     */
    static Object single(Map<String, Object> inputs) {
        return inputs.size() == 1 ? inputs.values().iterator().next() : inputs;
    }

    /** Truthiness: booleans, non-zero numbers, non-blank text, non-empty collections and maps. */
    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
            case CharSequence s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /**
     * Fills {@code {{name}}} placeholders from {@code inputs}, then {@code variables}; text stays
     * as is, other values are written as JSON. Unknown names are left in place.
     */
    static String fill(String template, Map<String, Object> inputs, Map<String, Object> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = inputs.containsKey(name) ? inputs.get(name)
                    : variables.containsKey(name) ? variables.get(name) : m.group();
            String text = value instanceof String s ? s : Json.write(value);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
