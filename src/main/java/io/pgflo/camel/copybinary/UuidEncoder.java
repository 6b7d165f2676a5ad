package io.pgflo.camel.copybinary;

/** uuid: 32 hex digits in groups of 8-4-4-4-12, as uuid_out writes them; 16 bytes. */
final class UuidEncoder implements FieldEncoder {

    static final UuidEncoder INSTANCE = new UuidEncoder();
    private static final int LENGTH = 36;

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        if (to - from != LENGTH) {
            return false;
        }
        byte[] value = new byte[16];
        int n = 0;
        for (int i = from; i < to; i++) {
            int offset = i - from;
            if (offset == 8 || offset == 13 || offset == 18 || offset == 23) {
                if (text[i] != '-') {
                    return false;
                }
                continue;
            }
            int high = Character.digit(text[i], 16);
            int low = Character.digit(text[++i], 16);
            if (high < 0 || low < 0) {
                return false;
            }
            value[n++] = (byte) (high << 4 | low);
        }
        out.int32(16);
        out.write(value, 0, 16);
        return true;
    }
}
