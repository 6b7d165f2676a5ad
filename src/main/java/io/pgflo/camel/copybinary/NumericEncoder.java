package io.pgflo.camel.copybinary;

/**
 * numeric as numeric_out writes a finite value: an optional minus, digits, and optionally a point and more
 * digits. The binary form is numeric_send's: the count of base-10000 digits, the weight of the first, the sign,
 * the display scale, then the digits, without leading or trailing zero digits. NaN and infinities, and any
 * other spelling (an exponent, a plus sign), go as text.
 */
final class NumericEncoder implements FieldEncoder {

    static final NumericEncoder INSTANCE = new NumericEncoder();

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    /** Well inside numeric's limits, so that weight and scale always fit their int16 fields. */
    private static final int MAX_DIGITS = 4000;

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        int i = from;
        boolean negative = i < to && text[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        while (i < to && isDigit(text[i])) {
            i++;
        }
        int intEnd = i;
        int fracStart = intEnd;
        int fracEnd = intEnd;
        if (i < to && text[i] == '.') {
            fracStart = ++i;
            while (i < to && isDigit(text[i])) {
                i++;
            }
            fracEnd = i;
        }
        if (i != to || (intEnd == intStart && fracEnd == fracStart) || intEnd - intStart > MAX_DIGITS
                || fracEnd - fracStart > MAX_DIGITS) {
            return false;
        }
        while (intStart < intEnd && text[intStart] == '0') {
            intStart++;
        }
        int scale = fracEnd - fracStart;
        int lastFrac = fracEnd;
        while (lastFrac > fracStart && text[lastFrac - 1] == '0') {
            lastFrac--;
        }
        // Base-10000 digits are aligned on the decimal point: the first holds the 1 to 4 leading integer digits.
        // They are written as they are read, after a header that is filled in at the end.
        int intDigits = intEnd - intStart;
        Groups groups = new Groups(out, (intDigits + 3) / 4 - 1, (4 - intDigits % 4) % 4);
        for (int k = intStart; k < intEnd; k++) {
            groups.digit(text[k] - '0');
        }
        for (int k = fracStart; k < lastFrac; k++) {
            groups.digit(text[k] - '0');
        }
        groups.end(negative ? NEGATIVE : POSITIVE, scale);
        return true;
    }

    /** Base-10000 digits written to the output as decimal digits arrive, without leading or trailing zero ones. */
    private static final class Groups {
        private static final int HEADER = 12;
        private final CopyBytes out;
        private final int start;
        private int weight;
        private int filled;
        private int value;
        private int written;
        private int nonZero;

        Groups(CopyBytes out, int weight, int filled) {
            this.out = out;
            this.start = out.size();
            this.weight = weight;
            this.filled = filled;
            out.claim(HEADER);
        }

        void digit(int digit) {
            value = value * 10 + digit;
            if (++filled == 4) {
                group();
            }
        }

        void end(int sign, int scale) {
            if (filled > 0) {
                while (filled < 4) {
                    value *= 10;
                    filled++;
                }
                group();
            }
            out.truncate(start + HEADER + 2 * nonZero);
            byte[] bytes = out.array();
            put16(bytes, start, 0);
            put16(bytes, start + 2, 8 + 2 * nonZero);
            put16(bytes, start + 4, nonZero);
            put16(bytes, start + 6, nonZero == 0 ? 0 : weight);
            put16(bytes, start + 8, nonZero == 0 ? POSITIVE : sign);
            put16(bytes, start + 10, scale);
        }

        private void group() {
            if (written == 0 && value == 0) {
                weight--;
            } else {
                out.int16(value);
                written++;
                if (value != 0) {
                    nonZero = written;
                }
            }
            value = 0;
            filled = 0;
        }

        private static void put16(byte[] bytes, int at, int value) {
            bytes[at] = (byte) (value >>> 8);
            bytes[at + 1] = (byte) value;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
