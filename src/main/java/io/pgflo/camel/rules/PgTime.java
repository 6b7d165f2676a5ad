package io.pgflo.camel.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time for comparing {@code date}, {@code timestamp} and {@code timestamptz} values, with
 * PostgreSQL's {@code -infinity} and {@code infinity} below and above every other point.
 *
 * <p>Values with a zone offset become the instant they name, so {@code 09:00+02} equals {@code 07:00Z}.
 * Values without one (dates, timestamps without time zone, filter values written without an offset) are read
 * as UTC, as pg_flo did: two zone-less values therefore compare as local date-times, and a date is its
 * midnight.
 */
record PgTime(int rank, Instant instant) implements Comparable<PgTime> {

    private static final int NEGATIVE_INFINITY = -1;
    private static final int FINITE = 0;
    private static final int POSITIVE_INFINITY = 1;

    /**
     * PostgreSQL's ISO output ({@code 2024-05-06 07:08:09.123456+02}, {@code 0044-03-15 BC}) and ISO 8601
     * ({@code 2024-05-06T05:08:09Z}, {@code +02:00}, {@code +0200}).
     */
    private static final Pattern FORM = Pattern.compile(
            "(\\d{4,9})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[ Tt](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*([Zz]|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)?"
                    + "(\\s+BC)?");

    /** @return the point, or null when the text is not a date or timestamp */
    static PgTime parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !Character.isDigit(trimmed.charAt(0))) {
            return special(trimmed);
        }
        PgTime canonical = Canonical.parse(trimmed);
        if (canonical != null) {
            return canonical;
        }
        Matcher m = FORM.matcher(trimmed);
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            // PostgreSQL writes 1 BC as "0001 BC"; the ISO calendar calls that year 0.
            LocalDate date = LocalDate.of(m.group(9) != null ? 1 - year : year,
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalDateTime local = date.atStartOfDay().plusNanos(timeOfDayNanos(m));
            return new PgTime(FINITE, local.toInstant(offset(m.group(8))));
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static PgTime special(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "infinity": case "+infinity":
                return new PgTime(POSITIVE_INFINITY, null);
            case "-infinity":
                return new PgTime(NEGATIVE_INFINITY, null);
            default:
                return null;
        }
    }

    /** Nanoseconds since midnight; {@code 24:00:00}, which PostgreSQL accepts, is the next midnight. */
    private static long timeOfDayNanos(Matcher m) {
        if (m.group(4) == null) {
            return 0;
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        String fraction = m.group(7) == null ? "" : m.group(7);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
            return 24L * 3600 * 1_000_000_000L;
        }
        return LocalTime.of(hour, minute, second, nanos).toNanoOfDay();
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        String digits = text.substring(1).replace(":", "");
        int split = digits.length() % 2 == 1 ? 1 : 2;
        int hours = Integer.parseInt(digits.substring(0, split));
        String rest = digits.substring(split);
        int minutes = rest.length() >= 2 ? Integer.parseInt(rest.substring(0, 2)) : 0;
        int seconds = rest.length() >= 4 ? Integer.parseInt(rest.substring(2, 4)) : 0;
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }

    /**
     * PostgreSQL's own output, {@code 2024-05-06 07:08:09.123456+02}, read without a regular expression:
     * every change of a filtered time column passes through here, and the general form costs several
     * times more. Anything else (a five-digit year, BC, ISO 8601 input) returns null for the general path.
     */
    private static final class Canonical {

        private Canonical() {
        }

        static PgTime parse(String s) {
            int n = s.length();
            if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
                return null;
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
                return null;
            }
            long seconds = 0;
            int nanos = 0;
            int i = 10;
            if (i < n) {
                if (n < 19 || s.charAt(10) != ' ' || s.charAt(13) != ':' || s.charAt(16) != ':') {
                    return null;
                }
                int hour = digits(s, 11, 2);
                int minute = digits(s, 14, 2);
                int second = digits(s, 17, 2);
                if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                    return null;
                }
                seconds = hour * 3600L + minute * 60L + second;
                i = 19;
                if (i < n && s.charAt(i) == '.') {
                    int start = ++i;
                    int scale = 100_000_000;
                    while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
                        nanos += (s.charAt(i) - '0') * scale;
                        scale /= 10;
                        i++;
                    }
                    if (i == start) {
                        return null;
                    }
                }
                if (i < n) {
                    int offset = offsetSeconds(s, i);
                    if (offset == Integer.MIN_VALUE) {
                        return null;
                    }
                    seconds -= offset;
                }
            }
            try {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return new PgTime(FINITE, Instant.ofEpochSecond(epochDay * 86_400L + seconds, nanos));
            } catch (DateTimeException e) {
                return null;
            }
        }

        /** {@code +HH}, {@code +HH:MM} or {@code +HH:MM:SS} running to the end; else Integer.MIN_VALUE. */
        private static int offsetSeconds(String s, int i) {
            int n = s.length();
            char sign = s.charAt(i);
            if (sign != '+' && sign != '-' || n != i + 3 && n != i + 6 && n != i + 9) {
                return Integer.MIN_VALUE;
            }
            int total = 0;
            for (int part = 0, at = i + 1; at < n; part++, at += 3) {
                if (part > 0 && s.charAt(at - 1) != ':') {
                    return Integer.MIN_VALUE;
                }
                int value = digits(s, at, 2);
                if (value < 0 || part > 0 && value > 59 || part == 0 && value > 18) {
                    return Integer.MIN_VALUE;
                }
                total += value * (part == 0 ? 3600 : part == 1 ? 60 : 1);
            }
            // java.time's limit, the same the general path meets through ZoneOffset.
            return total > 18 * 3600 ? Integer.MIN_VALUE : sign == '-' ? -total : total;
        }

        /** The number in {@code count} decimal digits at {@code from}, or -1. */
        private static int digits(String s, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }

    @Override
    public int compareTo(PgTime other) {
        if (rank != other.rank) {
            return Integer.compare(rank, other.rank);
        }
        return rank == FINITE ? instant.compareTo(other.instant) : 0;
    }
}
