package io.pgflo.camel.rules;

/**
 * Compares a column's value, in its exact PostgreSQL text form, with a filter's constant, the way the
 * column's type orders values. When the two cannot be compared (a value that does not parse as the column's
 * type, or a constant of a type that cannot describe it) the answer is "not comparable", and the filter then
 * fails, as in pg_flo.
 *
 * <p>Strings are read as the column's type, because YAML users quote freely ({@code value: "5"} against an
 * int column compares as 5). Numbers and booleans are not turned into text for text columns: pg_flo failed
 * such filters (text {@code "999.99" lt 1000}, text {@code "true" eq true}), and a user comparing a text
 * column with a number has most likely picked the wrong column.
 */
final class ValueComparator {

    private ValueComparator() {
    }

    /**
     * @return negative, zero or positive as the column value is below, equal to or above the constant; null
     *         when the two are not comparable
     */
    static Integer compare(ColumnKind kind, String columnText, FilterValue constant) {
        switch (kind) {
            case NUMBER:
                return compareNumbers(columnText, constant);
            case BOOLEAN:
                return compareBooleans(columnText, constant);
            case TEMPORAL:
                return compareTimes(columnText, constant);
            default:
                return constant.text() == null ? null : compareText(columnText, constant.text());
        }
    }

    private static Integer compareNumbers(String columnText, FilterValue constant) {
        PgNumber other = constant.number();
        if (other == null) {
            return null;
        }
        if (constant.isLong()) {
            // Most filter constants are integers, and most values plain decimals: compared without building a
            // BigDecimal per change.
            int fast = comparePlainDecimal(columnText, constant.longValue());
            if (fast != NOT_PLAIN) {
                return fast;
            }
        }
        PgNumber value = PgNumber.parse(columnText);
        return value == null ? null : value.compareTo(other);
    }

    static final int NOT_PLAIN = 2;
    /** Digits that always fit a long. */
    private static final int LONG_SAFE_DIGITS = 18;

    /**
     * Compares a plain decimal (an optional minus, at most 18 integer digits, optionally a point and fraction
     * digits, as PostgreSQL prints integer and numeric values) with an integer constant, exactly, without
     * building a number: the integer part decides, and on a tie any non-zero fraction digit does.
     *
     * @return -1, 0 or 1 as the text is below, equal to or above the constant; {@link #NOT_PLAIN} for any
     *         other text (NaN, Infinity, an exponent, too many digits), which the exact path reads
     */
    static int comparePlainDecimal(String text, long constant) {
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        int point = text.indexOf('.', start);
        int integerEnd = point < 0 ? text.length() : point;
        int digits = integerEnd - start;
        if (digits < 1 || digits > LONG_SAFE_DIGITS || point == text.length() - 1) {
            return NOT_PLAIN;
        }
        long integer = 0;
        for (int i = start; i < integerEnd; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_PLAIN;
            }
            integer = integer * 10 + (c - '0');
        }
        boolean fraction = false;
        for (int i = integerEnd + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_PLAIN;
            }
            fraction |= c != '0';
        }
        long signed = negative ? -integer : integer;
        if (signed != constant) {
            // The fraction cannot carry the value past the next integer.
            return Long.compare(signed, constant);
        }
        return !fraction ? 0 : negative ? -1 : 1;
    }

    private static Integer compareBooleans(String columnText, FilterValue constant) {
        Boolean other = constant.bool();
        if (other == null) {
            return null;
        }
        Boolean value = FilterValue.parseBoolean(columnText);
        return value == null ? null : Boolean.compare(value, other);
    }

    private static Integer compareTimes(String columnText, FilterValue constant) {
        PgTime other = constant.time();
        if (other == null) {
            return null;
        }
        PgTime value = PgTime.parse(columnText);
        return value == null ? null : value.compareTo(other);
    }

    /**
     * Compares by Unicode code point, as PostgreSQL's C collation and pg_flo's Go byte comparison do;
     * {@link String#compareTo} compares UTF-16 units, which orders characters beyond U+FFFF differently.
     */
    static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
