package io.pgflo.camel.copybinary;

/** boolean: {@code t} or {@code f}, as boolout writes it. */
final class BoolEncoder implements FieldEncoder {

    static final BoolEncoder INSTANCE = new BoolEncoder();

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        if (to - from != 1 || (text[from] != 't' && text[from] != 'f')) {
            return false;
        }
        out.int32(1);
        out.write(text[from] == 't' ? 1 : 0);
        return true;
    }
}
