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
        int start = out.size();
        out.int32(16);
        for (int i = from; i < to; i++) {
            int offset = i - from;
            if (offset == 8 || offset == 13 || offset == 18 || offset == 23) {
                if (text[i] != '-') {
                    out.truncate(start);
                    return false;
                }
                continue;
            }
            int high = Character.digit(text[i], 16);
            int low = Character.digit(text[++i], 16);
            if (high < 0 || low < 0) {
                out.truncate(start);
                return false;
            }
            out.write(high << 4 | low);
        }
        return true;
    }
}
