package io.pgflo.camel.sink.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an array's PostgreSQL text form, as {@code array_out} writes it, into a JSON array of JSON
 * arrays for each dimension. Each element's text, unquoted and unescaped, goes through the element
 * typer; an unquoted {@code NULL} is SQL NULL and becomes JSON null, a quoted {@code "NULL"} is text.
 *
 * <p>It also reads the looser forms {@code array_in} accepts (whitespace around elements, backslash
 * escapes outside quotes), so a value never depends on exactly how the server spaced it.
 */
final class PgArrayParser {

    /** PostgreSQL's MAXDIM: no array has more dimensions, so deeper nesting is not an array's text. */
    private static final int MAX_DIMENSIONS = 6;

    /** The {@code [lower:upper]...=} prefix written when a lower bound is not 1; JSON has no bounds. */
    private static final Pattern BOUNDS = Pattern.compile("\\s*(?:\\[\\s*(?:-?\\d+\\s*:\\s*)?-?\\d+\\s*\\])+\\s*=");

    private final String text;
    private final char delimiter;
    private final Function<String, JsonNode> elementTyper;
    private int pos;

    private PgArrayParser(String text, char delimiter, Function<String, JsonNode> elementTyper) {
        this.text = text;
        this.delimiter = delimiter;
        this.elementTyper = elementTyper;
    }

    /**
     * @param delimiter the element type's {@code typdelim}: {@code ;} for box, {@code ,} for every other built-in type
     * @throws MalformedPgTextException when {@code text} is not an array's text form
     */
    static ArrayNode parse(String text, char delimiter, Function<String, JsonNode> elementTyper) {
        return new PgArrayParser(text, delimiter, elementTyper).whole();
    }

    private ArrayNode whole() {
        Matcher bounds = BOUNDS.matcher(text);
        if (bounds.lookingAt()) {
            pos = bounds.end();
        }
        skipSpace();
        ArrayNode array = array(1);
        skipSpace();
        if (pos != text.length()) {
            throw malformed("text after the closing brace");
        }
        return array;
    }

    private ArrayNode array(int dimension) {
        if (dimension > MAX_DIMENSIONS) {
            throw malformed("more than " + MAX_DIMENSIONS + " dimensions");
        }
        expect('{');
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return array;
        }
        boolean holdsArrays = peek() == '{';
        while (true) {
            skipSpace();
            if ((peek() == '{') != holdsArrays) {
                throw malformed("a dimension mixes sub-arrays and elements");
            }
            array.add(holdsArrays ? array(dimension + 1) : element());
            skipSpace();
            char after = next();
            if (after == '}') {
                return array;
            }
            if (after != delimiter) {
                throw malformed("expected '" + delimiter + "' or '}' at offset " + (pos - 1));
            }
        }
    }

    private JsonNode element() {
        return peek() == '"' ? elementTyper.apply(quoted()) : unquoted();
    }

    private String quoted() {
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return value.toString();
            }
            value.append(c == '\\' ? next() : c);
        }
    }

    private JsonNode unquoted() {
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        // Trailing whitespace is not part of an unquoted element, but an escaped space is.
        int significantLength = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == delimiter || c == '}') {
                break;
            }
            if (c == '{' || c == '"') {
                throw malformed("unexpected '" + c + "' inside an unquoted element at offset " + pos);
            }
            pos++;
            if (c == '\\') {
                value.append(next());
                escaped = true;
                significantLength = value.length();
            } else {
                value.append(c);
                if (!isSpace(c)) {
                    significantLength = value.length();
                }
            }
        }
        value.setLength(significantLength);
        if (value.length() == 0) {
            throw malformed("empty unquoted element at offset " + pos);
        }
        String element = value.toString();
        return !escaped && element.equalsIgnoreCase("NULL") ? NullNode.getInstance() : elementTyper.apply(element);
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** The characters PostgreSQL's array_isspace treats as whitespace. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw malformed("expected '" + wanted + "' at offset " + (pos - 1));
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw malformed("ends before the array is closed");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private MalformedPgTextException malformed(String problem) {
        return new MalformedPgTextException("not an array's text form (" + problem + "): " + abbreviated(text));
    }

    private static String abbreviated(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
