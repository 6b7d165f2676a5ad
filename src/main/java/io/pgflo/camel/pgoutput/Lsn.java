package io.pgflo.camel.pgoutput;

/**
 * A PostgreSQL write-ahead log position: an unsigned 64-bit byte offset, written {@code X/Y} in hex.
 * Ordering is unsigned, as on the server.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    public static final Lsn ZERO = new Lsn(0);

    /** Parses the server's {@code X/Y} form, for example {@code 16/3002D50}. */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN is null; expected the form X/Y in hex, for example 16/3002D50");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN; expected X/Y in hex, for example 16/3002D50");
        }
        // As the server does: each half is 1 to 8 hex digits, with no sign. Checked by hand: every change
        // the worker reads carries an LSN, and a regular expression per half cost more than the rest.
        long high = hexHalf(text, 0, slash);
        long low = hexHalf(text, slash + 1, text.length());
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN; expected X/Y in hex, for example 16/3002D50");
        }
        return new Lsn(high << 32 | low);
    }

    /** The value of 1 to 8 hex digits, or -1 when the text is anything else. */
    private static long hexHalf(String text, int from, int to) {
        if (to - from < 1 || to - from > 8) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
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

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** {@code X/Y} in upper-case hex without leading zeros, as the server writes it. */
    @Override
    public String toString() {
        // Written by hand: the wire encoder writes an LSN per change, and toHexString plus toUpperCase
        // allocated four strings each time.
        char[] text = new char[17];
        int length = appendHex(text, 0, value >>> 32);
        text[length++] = '/';
        length = appendHex(text, length, value & 0xFFFF_FFFFL);
        return new String(text, 0, length);
    }

    private static int appendHex(char[] text, int at, long half) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(half) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            text[at + i] = HEX[(int) (half & 0xF)];
            half >>>= 4;
        }
        return at + digits;
    }
}
