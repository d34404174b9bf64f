package io.flowcraft.graph;

import io.flowcraft.api.JsonValues;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams JSON text to and from the plain-Java values of {@link JsonValues} (maps, lists,
 * strings, numbers, booleans, {@code null}), without an intermediate tree.
 *
 * <p>Create one instance and share it: the factories are looked up once. Instances are
 * thread-safe. Parsing is iterative, so deeply nested input cannot overflow the stack; nesting
 * deeper than {@link #MAX_DEPTH} is refused.
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted by {@link #parse(String)}. */
    public static final int MAX_DEPTH = 256;

    /**
     * Longest number literal, in characters, and largest decimal exponent of a number's magnitude
     * accepted by {@link #parse(String)}: a larger number is refused as "number too large" (its
     * exact value would cost unbounded memory or time to use; the JSON-P provider itself gives up
     * past 1,100 characters).
     */
    public static final int MAX_NUMBER_DIGITS = 1000;

    private final JsonParserFactory parsers;
    private final JsonGeneratorFactory generators;

    private Json(JsonProvider provider) {
        this.parsers = provider.createParserFactory(Map.of());
        this.generators = provider.createGeneratorFactory(Map.of());
    }

    /**
     * Creates a codec backed by the JSON-P provider on the module path (Parsson).
     *
     * @return a new codec
     */
    public static Json create() {
        return new Json(JsonProvider.provider());
    }

    /**
     * Parses JSON text into plain-Java values: objects become insertion-ordered maps, integral
     * numbers that fit become {@link Long}, other numbers {@link Double} (or {@link BigDecimal}
     * when a double would lose them entirely).
     *
     * @param text JSON text
     * @return the value (mutable maps and lists, owned by the caller)
     * @throws JsonException if the text is not one valid JSON value, or holds a number beyond
     *                       {@link #MAX_NUMBER_DIGITS} ("number too large")
     */
    public Object parse(String text) {
        if (text.isBlank()) {
            throw new JsonException("empty input: expected a JSON value", null);
        }
        try (JsonParser p = parsers.createParser(new StringReader(text))) {
            Object result = readValue(p);
            if (p.hasNext()) {
                throw new JsonException("unexpected content after the JSON value" + at(p.getLocation()), null);
            }
            return result;
        } catch (JsonParsingException e) {
            throw new JsonException(clean(e.getMessage()) + at(e.getLocation()), e);
        } catch (jakarta.json.JsonException e) {
            throw new JsonException(clean(e.getMessage()), e);
        } catch (UnsupportedOperationException e) {
            // the provider's own limit on number literals, should one be stricter than ours
            throw new JsonException(tooLarge("a number the JSON parser refuses"), e);
        }
    }

    private static Object readValue(JsonParser p) {
        Deque<Object> stack = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        String key = null;
        while (p.hasNext()) {
            JsonParser.Event ev = p.next();
            Object value;
            switch (ev) {
                case START_OBJECT, START_ARRAY -> {
                    if (stack.size() >= MAX_DEPTH) {
                        throw new JsonException("JSON nested deeper than " + MAX_DEPTH + " levels"
                                + at(p.getLocation()), null);
                    }
                    stack.push(ev == JsonParser.Event.START_OBJECT ? new LinkedHashMap<String, Object>()
                            : new ArrayList<>());
                    keys.push(key == null ? "" : key);
                    key = null;
                    continue;
                }
                case KEY_NAME -> {
                    key = p.getString();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    value = stack.pop();
                    key = keys.pop();
                    if (key.isEmpty() && !(stack.peek() instanceof Map)) {
                        key = null;
                    }
                }
                case VALUE_STRING -> value = p.getString();
                case VALUE_NUMBER -> value = number(p, p.getString());
                case VALUE_TRUE -> value = Boolean.TRUE;
                case VALUE_FALSE -> value = Boolean.FALSE;
                case VALUE_NULL -> value = null;
                default -> throw new JsonException("unexpected JSON event " + ev, null);
            }
            if (stack.isEmpty()) {
                return value;
            }
            add(stack.peek(), key, value);
            key = null;
        }
        throw new JsonException("unexpected end of JSON input", null);
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, String key, Object value) {
        if (container instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    private static Object number(JsonParser p, String literal) {
        if (literal.length() > MAX_NUMBER_DIGITS) {
            throw new JsonException(tooLarge(literal.length() + " characters") + at(p.getLocation()), null);
        }
        BigDecimal bd;
        try {
            bd = p.getBigDecimal();
        } catch (NumberFormatException e) {
            // an exponent beyond what BigDecimal holds (±2^31)
            throw new JsonException(tooLarge("an exponent out of range") + at(p.getLocation()), null);
        }
        tooLarge(bd).ifPresent(problem -> {
            throw new JsonException(problem + at(p.getLocation()), null);
        });
        if (p.isIntegralNumber()) {
            try {
                return bd.longValueExact();
            } catch (ArithmeticException tooBig) {
                return bd;
            }
        }
        double d = bd.doubleValue();
        return Double.isFinite(d) ? (Object) d : bd;
    }

    /**
     * Whether a number is beyond what {@link #parse(String)} accepts (see {@link #MAX_NUMBER_DIGITS}),
     * for readers of other syntaxes (YAML) that must keep to the same limits.
     *
     * @param number a number
     * @return the problem ("number too large: ..."), or empty if the number is accepted
     */
    public static Optional<String> tooLarge(BigDecimal number) {
        if (number.precision() > MAX_NUMBER_DIGITS) {
            return Optional.of(tooLarge(number.precision() + " digits"));
        }
        long exponent = (long) number.precision() - number.scale() - 1;
        return exponent > MAX_NUMBER_DIGITS
                ? Optional.of(tooLarge("a magnitude of about 1e" + exponent))
                : Optional.empty();
    }

    private static String tooLarge(String found) {
        return "number too large: " + found + "; numbers are limited to " + MAX_NUMBER_DIGITS
                + " digits and magnitudes below 1e" + (MAX_NUMBER_DIGITS + 1);
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNumber() < 0) {
            return "";
        }
        return " (line " + loc.getLineNumber() + ", column " + loc.getColumnNumber() + ")";
    }

    private static String clean(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        return message.replaceFirst(" at \\(line no=-?\\d+, column no=-?\\d+, offset=-?\\d+\\)", "");
    }

    /**
     * Writes a plain-Java value as compact JSON text.
     *
     * @param value a JSON value (see {@link JsonValues})
     * @return the JSON text
     * @throws IllegalArgumentException if the value holds something that is not a JSON value
     */
    public String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = generator(out)) {
            writeValue(g, value);
        }
        return out.toString();
    }

    /**
     * A streaming generator writing to {@code out}, for codecs that write records directly.
     *
     * @param out where the text goes; closed when the generator is closed
     * @return a new generator
     */
    public JsonGenerator generator(Writer out) {
        return generators.createGenerator(out);
    }

    /**
     * Writes a plain-Java value with a generator, as an array element or top-level value.
     *
     * @param g     the generator
     * @param value the value
     */
    @SuppressWarnings("unchecked")
    public static void writeValue(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.write(s);
            case Boolean b -> g.write(b);
            case Long l -> g.write(l);
            case Integer i -> g.write(i);
            case Double d -> g.write(d);
            case Float f -> g.write(f.doubleValue());
            case BigDecimal bd -> g.write(bd);
            case java.math.BigInteger bi -> g.write(bi);
            case Map<?, ?> m -> {
                g.writeStartObject();
                ((Map<String, Object>) m).forEach((k, v) -> writeField(g, k, v));
                g.writeEnd();
            }
            case List<?> l -> {
                g.writeStartArray();
                l.forEach(v -> writeValue(g, v));
                g.writeEnd();
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * Writes one field of an object being generated.
     *
     * @param g     the generator, inside an object
     * @param key   the field name
     * @param value the field value
     */
    @SuppressWarnings("unchecked")
    public static void writeField(JsonGenerator g, String key, Object value) {
        switch (value) {
            case null -> g.writeNull(key);
            case String s -> g.write(key, s);
            case Boolean b -> g.write(key, b);
            case Long l -> g.write(key, l);
            case Integer i -> g.write(key, i);
            case Double d -> g.write(key, d);
            case BigDecimal bd -> g.write(key, bd);
            case Map<?, ?> m -> {
                g.writeStartObject(key);
                ((Map<String, Object>) m).forEach((k, v) -> writeField(g, k, v));
                g.writeEnd();
            }
            case List<?> l -> {
                g.writeStartArray(key);
                l.forEach(v -> writeValue(g, v));
                g.writeEnd();
            }
            default -> {
                g.writeKey(key);
                writeValue(g, value);
            }
        }
    }
}
