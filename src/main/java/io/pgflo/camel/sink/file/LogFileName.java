package io.pgflo.camel.sink.file;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one log file: {@code pg_flo_log_<yyyyMMdd'T'HHmmss'Z'>[_<n>].jsonl}, the UTC second the
 * file was started, plus a suffix {@code _1}, {@code _2}, ... for further files started within that
 * second. Names order by (second, suffix), which is also the order the files were written in.
 */
record LogFileName(Instant second, int suffix) implements Comparable<LogFileName> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern NAME = Pattern.compile("pg_flo_log_(\\d{8}T\\d{6}Z)(?:_([1-9]\\d{0,8}))?\\.jsonl");

    LogFileName {
        if (second.getNano() != 0) {
            throw new IllegalArgumentException("log file names are to the second, got " + second);
        }
        if (suffix < 0) {
            throw new IllegalArgumentException("suffix must not be negative, got " + suffix);
        }
    }

    /** The name for a file started at {@code now}, given the newest existing file (null when none). */
    static LogFileName next(LogFileName newest, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (newest == null || second.isAfter(newest.second)) {
            return new LogFileName(second, 0);
        }
        // Same second, or the clock stepped back: keep names rising, as recovery trusts the newest name
        // to hold the newest lines.
        return new LogFileName(newest.second, newest.suffix + 1);
    }

    /** Empty when {@code fileName} is not a log file name this writer would produce. */
    static Optional<LogFileName> parse(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Instant second = LocalDateTime.parse(matcher.group(1), STAMP).toInstant(ZoneOffset.UTC);
            int suffix = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
            return Optional.of(new LogFileName(second, suffix));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    String fileName() {
        String stamp = STAMP.format(LocalDateTime.ofInstant(second, ZoneOffset.UTC));
        return "pg_flo_log_" + stamp + (suffix == 0 ? "" : "_" + suffix) + ".jsonl";
    }

    @Override
    public int compareTo(LogFileName other) {
        int bySecond = second.compareTo(other.second);
        return bySecond != 0 ? bySecond : Integer.compare(suffix, other.suffix);
    }

    @Override
    public String toString() {
        return fileName();
    }
}
