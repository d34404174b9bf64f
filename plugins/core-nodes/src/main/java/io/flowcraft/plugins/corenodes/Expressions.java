package io.flowcraft.plugins.corenodes;

import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates condition expressions with Apache JEXL, sandboxed: expressions only (no statements,
 * loops, assignments, lambdas, {@code new}, pragmas or namespaces), no access to classes, and only
 * read-only methods of text, numbers, booleans, lists and maps. Undefined names are errors.
 * Compiled expressions are kept in a bounded cache per instance. Thread-safe.
 */
final class Expressions {
    private static final int CACHE_SIZE = 256;

    private final JexlEngine jexl;
    private final Map<String, JexlExpression> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JexlExpression> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    Expressions() {
        JexlFeatures features = new JexlFeatures()
                .script(false).loops(false).sideEffect(false).sideEffectGlobal(false)
                .newInstance(false).lambda(false).thinArrow(false).fatArrow(false)
                .pragma(false).pragmaAnywhere(false).annotation(false).importPragma(false)
                .namespacePragma(false).namespaceIdentifier(false).register(false).localVar(false)
                .methodCall(true).structuredLiteral(true).arrayReferenceExpr(true).comparatorNames(true);
        jexl = new JexlBuilder()
                .features(features)
                .permissions(JexlPermissions.RESTRICTED)
                .sandbox(sandbox())
                .arithmetic(new JexlArithmetic(false))
                .strict(true).silent(false).safe(false)
                .cache(0)
                .create();
    }

    /** Block by default; inheritable read-only allowances for the JSON value types. */
    private static JexlSandbox sandbox() {
        JexlSandbox box = new JexlSandbox(false, true);
        allow(box, CharSequence.class, false, "length", "isEmpty", "isBlank", "startsWith", "endsWith",
                "contains", "indexOf", "lastIndexOf", "toLowerCase", "toUpperCase", "trim", "strip",
                "equals", "equalsIgnoreCase", "charAt", "substring", "compareTo", "toString");
        allow(box, Number.class, false, "intValue", "longValue", "doubleValue", "compareTo", "equals",
                "toString");
        allow(box, Boolean.class, false, "booleanValue", "equals", "toString");
        allow(box, Map.class, true, "size", "isEmpty", "containsKey", "containsValue", "get", "getOrDefault",
                "equals", "keySet", "values");
        allow(box, Collection.class, true, "size", "isEmpty", "contains", "containsAll", "equals");
        allow(box, List.class, true, "size", "isEmpty", "contains", "containsAll", "get", "indexOf",
                "equals");
        allow(box, Set.class, true, "size", "isEmpty", "contains", "containsAll", "equals");
        return box;
    }

    /**
     * Allows the listed methods of {@code type} and its subtypes, never writes; reads of entries or
     * elements only for containers, and never the {@code class} property.
     */
    private static void allow(JexlSandbox box, Class<?> type, boolean container, String... methods) {
        // reads: a block list (an empty one blocks every read); methods: an allow list
        JexlSandbox.Permissions permissions = box.permissions(type.getName(), true, false, false, true);
        if (container) {
            permissions.read("class");
        }
        permissions.execute(methods);
    }

    /**
     * Evaluates {@code expression} over the inputs by name, then the run's variables (variables win,
     * as in DiPeO, where a loop's code jobs keep their state in variables while their edges carry
     * text), plus {@code inputs} itself.
     *
     * @return the value of the expression
     * @throws NodeFailure naming the expression and the problem when it cannot be parsed or evaluated
     */
    Object evaluate(String expression, Map<String, Object> variables, Map<String, Object> inputs) {
        MapContext scope = new MapContext();
        inputs.forEach((k, v) -> scope.set(k, scoped(v)));
        variables.forEach((k, v) -> scope.set(k, scoped(v)));
        scope.set("inputs", scoped(inputs));
        try {
            return compile(expression).evaluate(scope);
        } catch (JexlException e) {
            throw new NodeFailure("cannot evaluate expression '" + expression + "': " + describe(e), e);
        }
    }

    /**
     * JSON whole numbers arrive as {@code Long}, JEXL literals are {@code Integer}: narrow the ones
     * that fit, so {@code list.contains(2)} finds a 2. Containers become unmodifiable copies.
     */
    private static Object scoped(Object value) {
        return switch (value) {
            case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> l.intValue();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), scoped(v)));
                yield Collections.unmodifiableMap(out);
            }
            case List<?> l -> l.stream().map(Expressions::scoped).toList();
            case null, default -> value;
        };
    }

    private JexlExpression compile(String expression) {
        synchronized (cache) {
            JexlExpression cached = cache.get(expression);
            if (cached != null) {
                return cached;
            }
        }
        JexlExpression compiled = jexl.createExpression(expression);
        synchronized (cache) {
            cache.put(expression, compiled);
        }
        return compiled;
    }

    private static String describe(JexlException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // JEXL prefixes "class@line:col" of its own classes; keep what follows
        int at = message.indexOf(' ');
        String plain = at > 0 && message.substring(0, at).contains("@") ? message.substring(at + 1) : message;
        return plain.strip();
    }
}
