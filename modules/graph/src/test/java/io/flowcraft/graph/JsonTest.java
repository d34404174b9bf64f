package io.flowcraft.graph;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    private final Json json = Json.create();

    @Test
    void nestedValuesSurviveARoundTrip() {
        String text = """
                {"z": 1, "a": [1, 2.5, "s", true, false, null, {"k": null}],
                 "m": {"y": {"x": []}, "b": {}}, "": "empty key", "big": 123456789012345678901234567890}
                """;
        Object parsed = json.parse(text);
        Object again = json.parse(json.write(parsed));

        assertEquals(parsed, again);
        Map<String, Object> top = object(again);
        assertEquals(List.of("z", "a", "m", "", "big"), new ArrayList<>(top.keySet()));
        assertEquals(List.of("y", "b"), new ArrayList<>(object(top.get("m")).keySet()));
        Map<String, Object> nullValued = new LinkedHashMap<>();
        nullValued.put("k", null);
        assertEquals(Arrays.asList(1L, 2.5, "s", true, false, null, nullValued), top.get("a"));
        Map<String, Object> withNull = object(((List<?>) top.get("a")).get(6));
        assertTrue(withNull.containsKey("k"), "a null value keeps its key");
        assertNull(withNull.get("k"));
        assertEquals("empty key", top.get(""));
    }

    @Test
    void objectsKeepKeyOrderNotSortOrder() {
        Map<String, Object> parsed = object(json.parse("{\"c\":1,\"b\":2,\"a\":3,\"d\":4}"));
        assertEquals(List.of("c", "b", "a", "d"), new ArrayList<>(parsed.keySet()));
        assertEquals("{\"c\":1,\"b\":2,\"a\":3,\"d\":4}", json.write(parsed));
    }

    @Test
    void integersAreLongsAndDecimalsAreDoubles() {
        List<?> values = (List<?>) json.parse("[0, -7, 42, 1.5, -0.25, 2.0, 1e2, 9007199254740993]");
        assertEquals(List.of(0L, -7L, 42L, 1.5, -0.25, 2.0, 100.0, 9007199254740993L), values);
        assertInstanceOf(Long.class, values.get(2));
        assertInstanceOf(Double.class, values.get(3));
        assertInstanceOf(Double.class, values.get(5), "2.0 is written as a decimal, so it stays one");
    }

    @Test
    void integersThatFitALongAreLongs() {
        // Json.parse documents "integral numbers that fit become Long"; 19-digit longs fit.
        List<?> values = (List<?>) json.parse("[9223372036854775807, -9223372036854775808, 1000000000000000000]");
        assertEquals(List.of("Long", "Long", "Long"),
                values.stream().map(v -> v.getClass().getSimpleName()).toList());
        assertEquals(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000_000_000_000L), values);
    }

    @Test
    void bigIntegersAndHugeNumbersAreExact() {
        String digits = "123456789012345678901234567890123";
        List<?> values = (List<?>) json.parse("[" + digits + ", -" + digits + ", 1e400]");
        assertEquals(new BigDecimal(digits), values.get(0));
        assertEquals(new BigDecimal("-" + digits), values.get(1));
        assertEquals(new BigDecimal("1e400"), values.get(2), "a number a double cannot hold is kept exactly");
        assertEquals("[" + digits + ",-" + digits + ",1E+400]", json.write(values));
        assertEquals(values, json.parse(json.write(values)));
    }

    @Test
    void numbersBeyondTheLimitAreAParseErrorThatSaysSo() {
        String atLimit = "9".repeat(Json.MAX_NUMBER_DIGITS);
        assertEquals(new BigDecimal(atLimit), ((List<?>) json.parse("[" + atLimit + "]")).getFirst());
        assertEquals(new BigDecimal("1e1000"), ((List<?>) json.parse("[1e1000]")).getFirst());
        for (String huge : List.of("9".repeat(Json.MAX_NUMBER_DIGITS + 1), "9".repeat(2500), "-" + "9".repeat(2500),
                "0." + "1".repeat(2500), "1e1001", "1e999999999", "-1E+999999999", "12.5e2147483647", "1e99999999999", "1e-99999999999")) {
            JsonException e = assertThrows(JsonException.class, () -> json.parse("{\"x\": [1, " + huge + "]}"),
                    huge.length() > 20 ? huge.length() + " characters" : huge);
            assertTrue(e.getMessage().startsWith("number too large: "), e.getMessage());
            assertTrue(e.getMessage().contains("(line 1, column "), "says where: " + e.getMessage());
            assertFalse(e.getMessage().contains("99999999999"), "does not echo the number: " + e.getMessage());
        }
        assertEquals(0.0, ((List<?>) json.parse("[1e-999999999]")).getFirst(), "a tiny number is not a large one");
    }

    @Test
    void tooLargeAppliesTheSameLimitToNumbersFromElsewhere() {
        assertTrue(Json.tooLarge(new BigDecimal("1e1000")).isEmpty());
        assertTrue(Json.tooLarge(new BigDecimal("9".repeat(Json.MAX_NUMBER_DIGITS))).isEmpty());
        assertTrue(Json.tooLarge(new BigDecimal("9".repeat(Json.MAX_NUMBER_DIGITS + 1))).orElseThrow()
                .startsWith("number too large: 1001 digits"));
        assertTrue(Json.tooLarge(new BigDecimal("1e999999999")).orElseThrow().contains("1e999999999"));
    }

    @Test
    void writesJavaNumbersAndStringsAsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("i", 3);
        m.put("s", "quote \" and \\ and \n");
        m.put("n", null);
        m.put("l", List.of(1L, 0.5));
        assertEquals("{\"i\":3,\"s\":\"quote \\\" and \\\\ and \\n\",\"n\":null,\"l\":[1,0.5]}", json.write(m));
        assertThrows(IllegalArgumentException.class, () -> json.write(Map.of("x", new Object())));
    }

    @Test
    void invalidJsonSaysWhereWithLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> json.parse("{\n  \"a\": tru\n}"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void parseErrorsStateTheLocationOnceInPlainWords() {
        // the message reaches people (protocol error "invalid_json"): no parser-internal location format
        for (String text : List.of("{\n  \"a\": tru\n}", "[1 2]", "{\"a\" 1}")) {
            String message = assertThrows(JsonException.class, () -> json.parse(text)).getMessage();
            assertTrue(message.matches(".*\\(line \\d+, column \\d+\\)$"), message);
            assertFalse(message.contains("line no="), message);
            assertFalse(message.contains("offset="), message);
        }
    }

    @Test
    void trailingContentIsRefused() {
        for (String text : List.of("{} {}", "[1] x", "1 2", "{\"a\":1}}", "null null")) {
            JsonException e = assertThrows(JsonException.class, () -> json.parse(text), text);
            assertTrue(e.getMessage().contains("line 1"), text + ": " + e.getMessage());
        }
    }

    @Test
    void truncatedAndMalformedInputIsRefused() {
        for (String text : List.of("[1, 2", "{\"a\":", "{\"a\" 1}", "[1,]", "{'a':1}", "\"open", "01")) {
            assertThrows(JsonException.class, () -> json.parse(text), text);
        }
    }

    @Test
    void emptyInputIsRefused() {
        for (String text : List.of("", "   ", "\n\t")) {
            JsonException e = assertThrows(JsonException.class, () -> json.parse(text), "'" + text + "'");
            assertTrue(e.getMessage().startsWith("empty input"), e.getMessage());
        }
    }

    @Test
    void nestingUpToMaxDepthIsAccepted() {
        String text = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object value = json.parse(text);
        int depth = 0;
        while (value instanceof List<?> l) {
            depth++;
            value = l.isEmpty() ? null : l.get(0);
        }
        assertEquals(Json.MAX_DEPTH, depth);
    }

    @Test
    void nestingDeeperThanMaxDepthIsRefusedWithoutStackOverflow() {
        String oneTooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> json.parse(oneTooDeep));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());

        assertThrows(JsonException.class, () -> json.parse("[".repeat(100_000)));
        assertThrows(JsonException.class, () -> json.parse("{\"a\":".repeat(100_000)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v) {
        return assertInstanceOf(Map.class, v);
    }
}
