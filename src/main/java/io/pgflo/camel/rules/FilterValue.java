package io.pgflo.camel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A constant a filter compares with, as YAML typed it: a string, a number or a boolean. The column's type
 * decides which reading is used (see {@link ValueComparator}). A string is read as a number, a boolean and
 * a time once, at load, so no change pays for parsing the constant again.
 */
final class FilterValue {

    private final String text;
    private final PgNumber number;
    private final Boolean bool;
    private final PgTime time;
    private final boolean isLong;
    private final long longValue;

    private FilterValue(String text, PgNumber number, Boolean bool, PgTime time) {
        this.text = text;
        this.number = number;
        this.bool = bool;
        this.time = time;
        Long exact = exactLong(number);
        this.isLong = exact != null;
        this.longValue = exact == null ? 0 : exact;
    }

    private static Long exactLong(PgNumber number) {
        if (number == null || number.finite() == null) {
            return null;
        }
        try {
            return number.finite().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** @return the value, or null when the node is not a string, number or boolean */
    static FilterValue of(JsonNode node) {
        if (node.isTextual()) {
            String s = node.textValue();
            return new FilterValue(s, PgNumber.parse(s), parseBoolean(s), PgTime.parse(s));
        }
        if (node.isBoolean()) {
            return new FilterValue(null, null, node.booleanValue(), null);
        }
        if (node.isNumber()) {
            PgNumber n = node.isDouble() ? PgNumber.of(node.doubleValue()) : PgNumber.of(node.decimalValue());
            return new FilterValue(null, n, null, null);
        }
        return null;
    }

    /** The string as written, or null when YAML gave a number or a boolean (they are never read as text). */
    String text() {
        return text;
    }

    /** The number YAML gave, or the string read as a number; null when neither. */
    PgNumber number() {
        return number;
    }

    /** Whether the number is an integer that fits a long, as {@link #longValue()}. */
    boolean isLong() {
        return isLong;
    }

    long longValue() {
        return longValue;
    }

    /** The boolean YAML gave, or the string read as one ({@code t f true false}); null when neither. */
    Boolean bool() {
        return bool;
    }

    /** The string read as a date or timestamp; null when it is not one (numbers are never times). */
    PgTime time() {
        return time;
    }

    /** PostgreSQL writes booleans as {@code t} and {@code f}; users write {@code true} and {@code false}. */
    static Boolean parseBoolean(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t": case "true":
                return Boolean.TRUE;
            case "f": case "false":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
