package io.pgflo.camel.rules;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A number as PostgreSQL orders it, exactly: finite values as decimals (so {@code 1.24} equals
 * {@code 1.240} and no binary rounding creeps in), {@code -Infinity} below them, {@code Infinity} above, and
 * {@code NaN} above everything and equal to itself, as in PostgreSQL's numeric and float ordering.
 */
record PgNumber(int rank, BigDecimal finite) implements Comparable<PgNumber> {

    private static final int NEGATIVE_INFINITY = -1;
    private static final int FINITE = 0;
    private static final int POSITIVE_INFINITY = 1;
    private static final int NAN = 2;

    static PgNumber of(BigDecimal value) {
        return new PgNumber(FINITE, value);
    }

    /** For YAML's {@code .inf}, {@code -.inf} and {@code .nan}, which arrive as doubles. */
    static PgNumber of(double value) {
        if (Double.isNaN(value)) {
            return new PgNumber(NAN, null);
        }
        if (Double.isInfinite(value)) {
            return new PgNumber(value > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY, null);
        }
        return of(BigDecimal.valueOf(value));
    }

    /**
     * Parses a number's text: PostgreSQL's output ({@code 42}, {@code -1.5}, {@code 1e+30}, {@code NaN},
     * {@code Infinity}) or a filter value written as a string.
     *
     * @return the number, or null when the text is not one
     */
    static PgNumber parse(String text) {
        String trimmed = text.strip();
        try {
            return of(new BigDecimal(trimmed)); // the common case first: no lower-casing per value
        } catch (NumberFormatException e) {
            return special(trimmed);
        }
    }

    private static PgNumber special(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return new PgNumber(NAN, null);
            case "infinity": case "+infinity": case "inf": case "+inf":
                return new PgNumber(POSITIVE_INFINITY, null);
            case "-infinity": case "-inf":
                return new PgNumber(NEGATIVE_INFINITY, null);
            default:
                return null;
        }
    }

    @Override
    public int compareTo(PgNumber other) {
        if (rank != other.rank) {
            return Integer.compare(rank, other.rank);
        }
        return rank == FINITE ? finite.compareTo(other.finite) : 0;
    }
}
