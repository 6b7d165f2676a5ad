package io.pgflo.camel.copybinary;

/** bytea in the hex form ({@code \x} and pairs of hex digits) that the source's sessions are pinned to. */
final class ByteaEncoder implements FieldEncoder {

    static final ByteaEncoder INSTANCE = new ByteaEncoder();

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        int digits = to - from - 2;
        if (digits < 0 || digits % 2 != 0 || text[from] != '\\' || text[from + 1] != 'x') {
            return false;
        }
        int start = out.size();
        out.int32(digits / 2);
        out.ensure(digits / 2);
        for (int i = from + 2; i < to; i += 2) {
            int high = Character.digit(text[i], 16);
            int low = Character.digit(text[i + 1], 16);
            if (high < 0 || low < 0) {
                out.truncate(start);
                return false;
            }
            out.write(high << 4 | low);
        }
        return true;
    }
}
