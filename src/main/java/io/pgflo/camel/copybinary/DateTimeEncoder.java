package io.pgflo.camel.copybinary;

/**
 * date, timestamp and timestamptz as the source's sessions write them (DateStyle ISO): {@code 2026-12-07},
 * {@code 2026-12-07 02:24:41.503135}, and for timestamptz an offset such as {@code +00} or {@code +05:30}. The
 * binary forms count days (date) or microseconds (timestamps, timestamptz in UTC) from 2000-01-01. A year of
 * other than four digits, BC, infinity and any other spelling go as text.
 */
final class DateTimeEncoder implements FieldEncoder {

    static final DateTimeEncoder DATE = new DateTimeEncoder(Kind.DATE);
    static final DateTimeEncoder TIMESTAMP = new DateTimeEncoder(Kind.TIMESTAMP);
    static final DateTimeEncoder TIMESTAMPTZ = new DateTimeEncoder(Kind.TIMESTAMPTZ);

    private enum Kind { DATE, TIMESTAMP, TIMESTAMPTZ }

    /** 2000-01-01 as a day of the Java epoch, 1970-01-01. */
    private static final long POSTGRES_EPOCH_DAY = 10_957;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    private static final int DATE_LENGTH = 10;
    private static final int TIME_LENGTH = 9;

    private final Kind kind;

    private DateTimeEncoder(Kind kind) {
        this.kind = kind;
    }

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        if (to - from < DATE_LENGTH || text[from + 4] != '-' || text[from + 7] != '-') {
            return false;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        if (year < 1 || month < 0 || day < 0) {
            return false;
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        long days = epochDay(year, month, day) - POSTGRES_EPOCH_DAY;
        if (kind == Kind.DATE) {
            if (to - from != DATE_LENGTH) {
                return false;
            }
            out.int32(4);
            out.int32((int) days);
            return true;
        }
        int i = from + DATE_LENGTH;
        if (to - i < TIME_LENGTH || text[i] != ' ' || text[i + 3] != ':' || text[i + 6] != ':') {
            return false;
        }
        int hour = digits(text, i + 1, 2);
        int minute = digits(text, i + 4, 2);
        int second = digits(text, i + 7, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        i += TIME_LENGTH;
        long micros = 0;
        if (i < to && text[i] == '.') {
            int start = ++i;
            while (i < to && text[i] >= '0' && text[i] <= '9' && i - start < 6) {
                micros = micros * 10 + (text[i++] - '0');
            }
            if (i == start) {
                return false;
            }
            for (int n = i - start; n < 6; n++) {
                micros *= 10;
            }
        }
        long offsetSeconds = 0;
        if (kind == Kind.TIMESTAMPTZ) {
            offsetSeconds = offset(text, i, to);
            if (offsetSeconds == Long.MIN_VALUE) {
                return false;
            }
        } else if (i != to) {
            return false;
        }
        long value = days * MICROS_PER_DAY + ((hour * 60L + minute) * 60L + second - offsetSeconds) * MICROS_PER_SECOND
                + micros;
        out.int32(8);
        out.int64(value);
        return true;
    }

    /** {@code +HH}, {@code +HH:MM} or {@code +HH:MM:SS} (or with a minus) filling {@code text[i, to)}, in seconds; else Long.MIN_VALUE. */
    private static long offset(byte[] text, int i, int to) {
        int length = to - i;
        if ((length != 3 && length != 6 && length != 9) || (text[i] != '+' && text[i] != '-')) {
            return Long.MIN_VALUE;
        }
        int hours = digits(text, i + 1, 2);
        int minutes = length >= 6 && text[i + 3] == ':' ? digits(text, i + 4, 2) : length >= 6 ? -1 : 0;
        int seconds = length == 9 && text[i + 6] == ':' ? digits(text, i + 7, 2) : length == 9 ? -1 : 0;
        // timestamptz_in takes offsets up to 15:59:59.
        if (hours < 0 || hours > 15 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
            return Long.MIN_VALUE;
        }
        long total = hours * 3600L + minutes * 60L + seconds;
        return text[i] == '-' ? -total : total;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days from 1970-01-01 in the proleptic Gregorian calendar, for years 1 to 9999, counting from March. */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The number written by exactly {@code count} decimal digits at {@code at}, or -1. */
    private static int digits(byte[] text, int at, int count) {
        int value = 0;
        for (int k = at; k < at + count; k++) {
            int digit = text[k] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
