package io.flowcraft.llm.support;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {
    private static Optional<Duration> waitOf(String... nameValue) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            map.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return RetryAfter.of(HttpHeaders.of(map, (a, b) -> true));
    }

    @Test
    void readsSecondsDatesMillisAndNothingElse() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), waitOf("Retry-After", "2"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), waitOf("retry-after", " 1.5 "));
        assertEquals(Optional.empty(), waitOf("Retry-After", "soon"));
        assertEquals(Optional.empty(), waitOf());
        assertEquals(Optional.of(Duration.ofMillis(250)), waitOf("retry-after-ms", "250", "Retry-After", "9"));
        assertEquals(Optional.of(Duration.ofSeconds(9)), waitOf("retry-after-ms", "x", "Retry-After", "9"));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration wait = waitOf("Retry-After", inTenSeconds).orElseThrow();
        assertTrue(wait.toSeconds() >= 8 && wait.toSeconds() <= 10, wait.toString());
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(10));
        assertEquals(Optional.of(Duration.ZERO), waitOf("Retry-After", past));
    }

    @Test
    void redactsTheKeyAndReadsServiceMessages() {
        Redactor redactor = new Redactor(Optional.of("sk-123"));
        assertEquals("bad key [redacted]", redactor.redact("bad key sk-123"));
        assertEquals("nope", ServiceMessage.of("{\"error\":{\"message\":\"nope\",\"type\":\"x\"}}"));
        assertEquals("nope", ServiceMessage.of("{\"type\":\"error\",\"error\":{\"type\":\"x\",\"message\":\"nope\"}}"));
        assertEquals("nope", ServiceMessage.of("[{\"error\":{\"code\":400,\"message\":\"nope\"}}]"));
        assertEquals("plain text", ServiceMessage.of(" plain text "));
    }
}
