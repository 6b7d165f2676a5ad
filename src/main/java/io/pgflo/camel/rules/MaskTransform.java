package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/**
 * {@code transform/mask}: keeps the first and last character of a text-like value and replaces every
 * character between them with the mask character. It counts Unicode code points, not bytes or UTF-16 units
 * (pg_flo counted bytes, which broke non-ASCII values), so the result has as many characters as the value.
 * Values of two characters or fewer are left as they are.
 */
final class MaskTransform implements ValueTransform {

    private final ColumnKind.Memo kinds = new ColumnKind.Memo();

    private final int maskChar;

    /** @param maskChar the mask character, as a code point */
    MaskTransform(int maskChar) {
        this.maskChar = maskChar;
    }

    @Override
    public TupleValue apply(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text) || !kinds.isTextLike(column.typeName())) {
            return value;
        }
        String s = text.value();
        int length = s.codePointCount(0, s.length());
        if (length <= 2) {
            return value;
        }
        int first = s.codePointAt(0);
        int last = s.codePointBefore(s.length());
        StringBuilder masked = new StringBuilder(s.length() + length);
        masked.appendCodePoint(first);
        for (int i = 0; i < length - 2; i++) {
            masked.appendCodePoint(maskChar);
        }
        masked.appendCodePoint(last);
        return new TupleValue.Text(masked.toString());
    }
}
