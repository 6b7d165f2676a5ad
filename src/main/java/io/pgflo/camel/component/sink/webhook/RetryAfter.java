package io.pgflo.camel.component.sink.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delay seconds, or an HTTP date (RFC 9110 section 10.2.3). */
final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, counted from {@code now}; zero for a date in the past; null when the
     * header is absent or unreadable.
     */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return null; // more digits than a long holds
            }
        }
        try {
            // RFC 1123 form, the one HTTP dates take ("Sun, 06 Nov 1994 08:49:37 GMT").
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
