package io.flowcraft.plugins.corenodes;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * Fills {@code {{name}}} placeholders from {@code inputs}, then {@code variables}; a dotted name
     * ({@code {{a.b}}}) walks into objects (and lists by index) when the whole name is not found;
     * text stays as is, other values are written as JSON. Unknown names are left in place.
     */
    static String fill(String template, Map<String, Object> inputs, Map<String, Object> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<Object> value = lookup(m.group(1), inputs, variables);
            String text = value.map(v -> v instanceof String s ? s : Json.write(v)).orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names a template's placeholders use, and the first segment of dotted ones. */
    static Set<String> placeholderRoots(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
            names.add(m.group(1).split("\\.", 2)[0]);
        }
        return names;
    }

    /** The value a placeholder name stands for: {@code inputs}, then {@code variables}, then a dotted path. */
    static Optional<Object> lookup(String name, Map<String, Object> inputs, Map<String, Object> variables) {
        for (Map<String, Object> scope : List.of(inputs, variables)) {
            if (scope.containsKey(name)) {
                return Optional.of(scope.get(name) == null ? "null" : scope.get(name));
            }
        }
        String[] path = name.split("\\.");
        for (Map<String, Object> scope : List.of(inputs, variables)) {
            if (path.length > 1 && scope.containsKey(path[0])) {
                Object current = scope.get(path[0]);
                for (int i = 1; i < path.length && current != null; i++) {
                    current = child(current, path[i]);
                }
                if (current != null) {
                    return Optional.of(current);
                }
            }
        }
        return Optional.empty();
    }

    private static Object child(Object parent, String key) {
        if (parent instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (parent instanceof List<?> list && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(key);
            return i < list.size() ? list.get(i) : null;
        }
        return null;
    }
}
