package io.pgflo.camel.copytext;

import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one row of {@code COPY ... TO STDOUT} in text format: tab-separated fields, {@code \N} for NULL,
 * backslash escapes. What remains after unescaping is the type's text output, the same text pgoutput
 * sends, so copied and streamed rows carry identical values.
 */
public final class CopyTextParser {

    private static final String ESCAPED_TAB = "COPY row has a backslash before a tab byte; a tab in a value is written \\t";

    private CopyTextParser() {
    }

    /**
     * @param row   the row's bytes as the server sent them (UTF-8), with or without the final newline
     * @param width how many columns the row must have
     * @throws IllegalArgumentException when the row has another number of fields or a broken escape
     */
    public static List<TupleValue> parse(byte[] row, int width) {
        int end = row.length;
        if (end > 0 && row[end - 1] == '\n') {
            end--;
        }
        return parse(row, 0, end, width);
    }

    /** Reads the row in {@code row[from, to)}, which holds no final newline. */
    public static List<TupleValue> parse(byte[] row, int from, int to, int width) {
        List<TupleValue> values = new ArrayList<>(width);
        visit(row, from, to, (index, bytes, start, stop) -> values.add(start < 0 ? TupleValue.Null.INSTANCE
                : new TupleValue.Text(new String(bytes, start, stop - start, StandardCharsets.UTF_8))));
        if (values.size() != width) {
            throw new IllegalArgumentException("COPY row has " + values.size() + " fields, expected " + width);
        }
        return values;
    }

    /**
     * Checks what {@link #parse} would refuse without building the values: another number of fields, a lone
     * backslash at the end, or a backslash before a tab. COPY itself writes a tab in a value as {@code \t};
     * refusing an escaped tab byte keeps every tab byte a separator for any reader. Refuses too what COPY FROM
     * would misread: a newline byte, which would end the row, and the end-of-data marker.
     *
     * @throws IllegalArgumentException as {@link #parse} does
     */
    public static void check(byte[] row, int from, int to, int width) {
        if (checkLine(row, from, to, width) != to) {
            throw new IllegalArgumentException("COPY row holds a newline byte; a newline in a value is written \\n");
        }
    }

    /**
     * Finds the end of the row that starts at {@code from} and checks it as {@link #check} does, in one pass: a
     * message of copied rows is otherwise read twice, once for its newlines and once for its fields.
     *
     * @return the index of the newline that ends the row, or {@code limit} when there is none before it (what
     *         is there is checked all the same)
     * @throws IllegalArgumentException as {@link #check} does
     */
    public static int checkLine(byte[] bytes, int from, int limit, int width) {
        int fields = 1;
        int i = from;
        for (; i < limit; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                break;
            }
            if (b == '\t') {
                fields++;
            } else if (b == '\\') {
                if (++i >= limit || bytes[i] == '\n') {
                    throw new IllegalArgumentException("COPY row ends in a lone backslash");
                }
                if (bytes[i] == '\t') {
                    throw new IllegalArgumentException(ESCAPED_TAB);
                }
            }
        }
        if (i - from == 2 && bytes[from] == '\\' && bytes[from + 1] == '.') {
            // COPY FROM would take it for the end of the data and drop the rows after it.
            throw new IllegalArgumentException("COPY row is the end-of-data marker \\.");
        }
        if (fields != width) {
            throw new IllegalArgumentException("COPY row has " + fields + " fields, expected " + width);
        }
        return i;
    }

    /** What {@link #visit} hands each field to. */
    public interface FieldVisitor {
        /**
         * @param from where the unescaped value starts in {@code bytes}, or -1 for NULL
         * @return false to stop at this field
         */
        boolean field(int index, byte[] bytes, int from, int to);
    }

    /**
     * Hands each field of the row in {@code row[from, to)} to the visitor unescaped: a field without escapes as
     * a range of {@code row}, an escaped one as a range of a copy. It does not count the fields.
     *
     * @return false when the visitor stopped
     * @throws IllegalArgumentException at a backslash before a tab, or a lone one at the end
     */
    public static boolean visit(byte[] row, int from, int to, FieldVisitor visitor) {
        int index = 0;
        int start = from;
        while (true) {
            int stop = start;
            boolean escaped = false;
            while (stop < to && row[stop] != '\t') {
                if (row[stop] == '\\') {
                    escaped = true;
                    stop++;
                    if (stop < to && row[stop] == '\t') {
                        throw new IllegalArgumentException(ESCAPED_TAB);
                    }
                }
                stop++;
            }
            stop = Math.min(stop, to);
            boolean going;
            if (stop - start == 2 && row[start] == '\\' && row[start + 1] == 'N') {
                going = visitor.field(index, row, -1, -1);
            } else if (escaped) {
                byte[] value = new byte[stop - start];
                going = visitor.field(index, value, 0, unescape(row, start, stop, value));
            } else {
                going = visitor.field(index, row, start, stop);
            }
            if (!going) {
                return false;
            }
            if (stop >= to) {
                return true;
            }
            index++;
            start = stop + 1;
        }
    }

    /** Writes the value of {@code row[from, to)} without its escapes into {@code out}, which is long enough; returns its length. */
    private static int unescape(byte[] row, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = row[i];
            if (b != '\\') {
                out[n++] = b;
                continue;
            }
            if (++i >= to) {
                throw new IllegalArgumentException("COPY row ends in a lone backslash");
            }
            byte c = row[i];
            switch (c) {
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'v' -> out[n++] = 0x0B;
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && Character.digit(row[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(row[++i], 16);
                        digits++;
                    }
                    out[n++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int value = c - '0';
                        for (int digits = 1; digits < 3 && i + 1 < to && row[i + 1] >= '0' && row[i + 1] <= '7'; digits++) {
                            value = value * 8 + (row[++i] - '0');
                        }
                        out[n++] = (byte) value;
                    } else {
                        // COPY escapes only the characters above; any other escaped byte stands for itself.
                        out[n++] = c;
                    }
                }
            }
        }
        return n;
    }
}
