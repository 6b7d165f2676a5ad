package io.pgflo.camel.sink.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a column value's PostgreSQL text form into a JSON value chosen by the column's type name:
 * numbers for integer, float and numeric types, booleans for bool, the embedded value for json and
 * jsonb, arrays for array types, and the exact text for everything else. A value that does not read as
 * its type is kept as its exact text; no value is dropped or rounded.
 */
public final class PgValueTyper {

    private static final Set<String> INTEGER_TYPES = Set.of("int2", "int4", "int8", "oid", "xid", "cid");
    private static final Set<String> FLOAT_TYPES = Set.of("float4", "float8");
    private static final Set<String> JSON_TYPES = Set.of("json", "jsonb");
    private static final Set<String> SPECIAL_NUMBERS = Set.of("NaN", "Infinity", "-Infinity");

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** numeric's output: digits and an optional fraction, never an exponent. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** float output such as {@code 1.5}, {@code -0} or {@code 1e+30}; rules out Java-only forms like {@code 0x1p3}. */
    private static final Pattern FLOAT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Digits that always fit a long, with room for a sign. */
    private static final int LONG_SAFE_LENGTH = 18;

    private PgValueTyper() {
    }

    /**
     * @param typeName the column's type name as {@code ColumnInfo.typeName} gives it ({@code int4},
     *                 {@code _int4} for its array, {@code schema.name} for a custom type), or null when unknown
     * @param text     the value's text output; never SQL NULL, which is JSON null without typing
     */
    public static JsonNode typed(String typeName, String text) {
        Objects.requireNonNull(text, "text is null; SQL NULL is JSON null and has no type to apply");
        String elementType = arrayElementType(typeName);
        return elementType == null ? scalar(typeName, text) : array(elementType, text);
    }

    /** The element type of an array type name ({@code _int4} to {@code int4}), or null for a non-array type. */
    static String arrayElementType(String typeName) {
        if (typeName == null) {
            return null;
        }
        int localStart = typeName.lastIndexOf('.') + 1;
        boolean isArray = typeName.length() > localStart + 1 && typeName.charAt(localStart) == '_';
        return isArray ? typeName.substring(0, localStart) + typeName.substring(localStart + 1) : null;
    }

    private static JsonNode array(String elementType, String text) {
        // box is the one built-in type whose text holds commas, so its arrays are delimited by ';'.
        char delimiter = "box".equals(elementType) ? ';' : ',';
        try {
            return PgArrayParser.parse(text, delimiter, element -> scalar(elementType, element));
        } catch (MalformedPgTextException e) {
            return TextNode.valueOf(text);
        }
    }

    private static JsonNode scalar(String typeName, String text) {
        try {
            if (typeName == null) {
                return TextNode.valueOf(text);
            }
            if (INTEGER_TYPES.contains(typeName)) {
                return integer(text);
            }
            if (FLOAT_TYPES.contains(typeName)) {
                return floatingPoint(text);
            }
            if ("numeric".equals(typeName)) {
                return numeric(text);
            }
            if ("bool".equals(typeName)) {
                return bool(text);
            }
            if (JSON_TYPES.contains(typeName)) {
                return EmbeddedJson.parse(text);
            }
            return TextNode.valueOf(text);
        } catch (MalformedPgTextException e) {
            return TextNode.valueOf(text);
        }
    }

    private static JsonNode integer(String text) {
        require(INTEGER, text, "integer");
        if (text.length() <= LONG_SAFE_LENGTH) {
            return LongNode.valueOf(Long.parseLong(text));
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() < Long.SIZE ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
    }

    private static JsonNode floatingPoint(String text) {
        if (SPECIAL_NUMBERS.contains(text)) {
            return TextNode.valueOf(text);
        }
        require(FLOAT, text, "float");
        // Parsed straight to double, even for float4: the nearest double to float4's shortest text
        // prints back as that same text, while widening the float would add digits.
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new MalformedPgTextException("float out of range: " + text);
        }
        return DoubleNode.valueOf(value);
    }

    private static JsonNode numeric(String text) {
        if (SPECIAL_NUMBERS.contains(text)) {
            return TextNode.valueOf(text);
        }
        require(DECIMAL, text, "numeric");
        BigDecimal value = new BigDecimal(text);
        if (value.scale() > EmbeddedJson.MAX_PLAIN_SCALE) {
            throw new MalformedPgTextException("numeric with more fraction digits than can be written in plain digits");
        }
        // DecimalNode.valueOf keeps the scale: 1.50 stays 1.50 rather than being normalised to 1.5.
        return DecimalNode.valueOf(value);
    }

    private static JsonNode bool(String text) {
        return switch (text) {
            case "t" -> BooleanNode.TRUE;
            case "f" -> BooleanNode.FALSE;
            default -> throw new MalformedPgTextException("not a bool's text form: " + text);
        };
    }

    private static void require(Pattern form, String text, String what) {
        if (!form.matcher(text).matches()) {
            throw new MalformedPgTextException("not a " + what + "'s text form: " + text);
        }
    }
}
