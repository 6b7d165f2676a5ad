package io.pgflo.camel.pgoutput;

/**
 * A PostgreSQL write-ahead log position: an unsigned 64-bit byte offset, written {@code X/Y} in hex.
 * Ordering is unsigned, as on the server.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    public static final Lsn ZERO = new Lsn(0);

    private static final java.util.regex.Pattern HALF = java.util.regex.Pattern.compile("[0-9A-Fa-f]{1,8}");

    /** Parses the server's {@code X/Y} form, for example {@code 16/3002D50}. */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN is null; expected the form X/Y in hex, for example 16/3002D50");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN; expected X/Y in hex, for example 16/3002D50");
        }
        String highText = text.substring(0, slash);
        String lowText = text.substring(slash + 1);
        // As the server does: each half is 1 to 8 hex digits, with no sign.
        if (!HALF.matcher(highText).matches() || !HALF.matcher(lowText).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN; expected X/Y in hex, for example 16/3002D50");
        }
        return new Lsn(Long.parseLong(highText, 16) << 32 | Long.parseLong(lowText, 16));
    }

    public static Lsn of(long value) {
        return value == 0 ? ZERO : new Lsn(value);
    }

    public boolean isZero() {
        return value == 0;
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public static Lsn max(Lsn a, Lsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase();
    }
}
