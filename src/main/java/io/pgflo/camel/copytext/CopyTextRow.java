package io.pgflo.camel.copytext;

import io.pgflo.camel.pgoutput.TupleValue;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A row's values kept as the one line of {@code COPY ... TO STDOUT} text they were read as, and read into
 * {@link TupleValue}s only when a value is asked for. An initial copy moves millions of rows that nothing
 * looks into: they go to the wire, and from the wire into the target's own COPY, as the same bytes. The line
 * is checked when the row is made, so a broken one is refused where it enters, not where it is used.
 *
 * <p>Immutable. The bytes are shared, not copied: whoever hands them over must not change them.
 */
public final class CopyTextRow extends AbstractList<TupleValue> implements RandomAccess {

    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int width;
    // Read at most once in practice; two threads reading it at once would only build equal lists.
    private volatile List<TupleValue> values;

    private CopyTextRow(byte[] bytes, int from, int to, int width) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.width = width;
    }

    /**
     * The row in {@code bytes[from, to)}, without its final newline.
     *
     * @throws IllegalArgumentException when it does not hold {@code width} fields, ends in a lone backslash,
     *         holds a newline byte or is COPY's end-of-data marker
     */
    public static CopyTextRow of(byte[] bytes, int from, int to, int width) {
        if (from < 0 || to > bytes.length || from > to) {
            throw new IndexOutOfBoundsException("row [" + from + ", " + to + ") of " + bytes.length + " bytes");
        }
        CopyTextParser.check(bytes, from, to, width);
        return new CopyTextRow(bytes, from, to, width);
    }

    /**
     * The row from {@code from} to the first newline before {@code limit}, checked as {@link #of} checks it while
     * the newline is looked for.
     *
     * @return the row, or null when there is no newline before {@code limit}
     * @throws IllegalArgumentException as {@link #of} does
     */
    public static CopyTextRow line(byte[] bytes, int from, int limit, int width) {
        if (from < 0 || limit > bytes.length || from > limit) {
            throw new IndexOutOfBoundsException("row [" + from + ", " + limit + ") of " + bytes.length + " bytes");
        }
        int end = CopyTextParser.checkLine(bytes, from, limit, width);
        return end == limit ? null : new CopyTextRow(bytes, from, end, width);
    }

    /** Where the row ends in the bytes it shares: the index of its newline when it came from {@link #line}. */
    public int end() {
        return to;
    }

    /** A line as {@code CopyOut.readFromCopy()} returns it, with its final newline. */
    public static CopyTextRow ofLine(byte[] line, int width) {
        int to = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        return of(line, 0, to, width);
    }

    @Override
    public TupleValue get(int index) {
        return values().get(index);
    }

    @Override
    public int size() {
        return width;
    }

    /** How many bytes the line has, without a newline. */
    public int byteLength() {
        return to - from;
    }

    /** Copies the line, without a newline, into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, from, target, offset, to - from);
    }

    /**
     * Hands each value, unescaped, to the visitor without making strings of them: how a COPY into the target in
     * binary reads a copied row.
     *
     * @return false when the visitor stopped
     */
    public boolean visit(CopyTextParser.FieldVisitor visitor) {
        return CopyTextParser.visit(bytes, from, to, visitor);
    }

    private List<TupleValue> values() {
        List<TupleValue> read = values;
        if (read == null) {
            read = List.copyOf(CopyTextParser.parse(bytes, from, to, width));
            values = read;
        }
        return read;
    }
}
