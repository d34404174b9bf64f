package io.flowcraft.llm.support;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long an answer asks to wait before retrying: OpenAI's {@code retry-after-ms}, else
 * {@code Retry-After} (RFC 9110 §10.2.3: delay seconds or an HTTP date). Stateless.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * How long the headers ask to wait.
     *
     * @param headers an answer's headers
     * @return the wait (zero for a date in the past); empty if neither header is present and readable
     */
    public static Optional<Duration> of(HttpHeaders headers) {
        return headers.firstValue("retry-after-ms").map(String::strip).flatMap(RetryAfter::millis)
                .or(() -> headers.firstValue("Retry-After").map(String::strip).flatMap(RetryAfter::secondsOrDate));
    }

    private static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(value))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> secondsOrDate(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
