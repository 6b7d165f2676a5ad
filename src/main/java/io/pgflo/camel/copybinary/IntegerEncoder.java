package io.pgflo.camel.copybinary;

/** smallint, integer and bigint: an optional minus and decimal digits, as int4out writes them, within range. */
final class IntegerEncoder implements FieldEncoder {

    static final IntegerEncoder INT2 = new IntegerEncoder(2, Short.MIN_VALUE, Short.MAX_VALUE);
    static final IntegerEncoder INT4 = new IntegerEncoder(4, Integer.MIN_VALUE, Integer.MAX_VALUE);
    static final IntegerEncoder INT8 = new IntegerEncoder(8, Long.MIN_VALUE, Long.MAX_VALUE);

    private final int width;
    private final long min;
    private final long max;

    private IntegerEncoder(int width, long min, long max) {
        this.width = width;
        this.min = min;
        this.max = max;
    }

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        long value;
        try {
            value = parse(text, from, to);
        } catch (NumberFormatException e) {
            return false;
        }
        if (value < min || value > max) {
            return false;
        }
        out.int32(width);
        switch (width) {
            case 2 -> out.int16((int) value);
            case 4 -> out.int32((int) value);
            default -> out.int64(value);
        }
        return true;
    }

    /** Accumulated as a negative number, whose range holds Long.MIN_VALUE. */
    static long parse(byte[] text, int from, int to) {
        int i = from;
        boolean negative = i < to && text[i] == '-';
        if (negative) {
            i++;
        }
        if (i == to) {
            throw new NumberFormatException("no digits");
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || value < Long.MIN_VALUE / 10) {
                throw new NumberFormatException("not a bigint");
            }
            value *= 10;
            if (value < Long.MIN_VALUE + digit) {
                throw new NumberFormatException("not a bigint");
            }
            value -= digit;
        }
        if (negative) {
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw new NumberFormatException("not a bigint");
        }
        return -value;
    }
}
