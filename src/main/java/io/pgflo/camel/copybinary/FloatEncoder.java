package io.pgflo.camel.copybinary;

import java.nio.charset.StandardCharsets;

/**
 * real and double precision as float4out and float8out write them: the shortest decimal that reads back
 * exactly, an exponent where needed, or NaN, Infinity, -Infinity. Java reads decimals with the same correct
 * rounding as the server's strtod and strtof. Text that Java would read but PostgreSQL would not (a hex float,
 * a type suffix) is refused by the characters it may hold; so is a value that overflows or underflows to zero,
 * which the server rejects.
 */
final class FloatEncoder implements FieldEncoder {

    static final FloatEncoder FLOAT4 = new FloatEncoder(false);
    static final FloatEncoder FLOAT8 = new FloatEncoder(true);

    private final boolean doublePrecision;

    private FloatEncoder(boolean doublePrecision) {
        this.doublePrecision = doublePrecision;
    }

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        if (to == from || to - from > 64) {
            return false;
        }
        String value = new String(text, from, to - from, StandardCharsets.US_ASCII);
        boolean special = value.equals("NaN") || value.equals("Infinity") || value.equals("-Infinity");
        boolean nonZeroDigit = false;
        if (!special) {
            boolean exponent = false;
            for (int i = from; i < to; i++) {
                byte b = text[i];
                boolean digit = b >= '0' && b <= '9';
                if (!digit && b != '.' && b != 'e' && b != '-' && b != '+') {
                    return false;
                }
                exponent |= b == 'e';
                // A nonzero digit of the mantissa means a value that must not read as zero.
                nonZeroDigit |= digit && b != '0' && !exponent;
            }
        }
        double parsed;
        try {
            parsed = doublePrecision ? Double.parseDouble(value) : Float.parseFloat(value);
        } catch (NumberFormatException e) {
            return false;
        }
        if (!special && (Double.isInfinite(parsed) || (parsed == 0 && nonZeroDigit))) {
            return false;
        }
        if (doublePrecision) {
            out.int32(8);
            out.int64(Double.doubleToRawLongBits(parsed));
        } else {
            out.int32(4);
            out.int32(Float.floatToRawIntBits((float) parsed));
        }
        return true;
    }
}
