package io.pgflo.camel.copybinary;

/**
 * Types whose binary form is their text: text, varchar and bpchar (whose receive functions apply the column's
 * length as their input functions do), json, and jsonb after its version byte. The target still checks the
 * encoding and parses the JSON.
 */
final class TextEncoder implements FieldEncoder {

    /** jsonb's binary format 1 is its text after this byte. */
    private static final int JSONB_VERSION = 1;

    static final TextEncoder PLAIN = new TextEncoder(false);
    static final TextEncoder JSONB = new TextEncoder(true);

    private final boolean jsonbVersion;

    private TextEncoder(boolean jsonbVersion) {
        this.jsonbVersion = jsonbVersion;
    }

    @Override
    public boolean encode(byte[] text, int from, int to, CopyBytes out) {
        int length = to - from;
        if (jsonbVersion) {
            out.int32(length + 1);
            out.write(JSONB_VERSION);
        } else {
            out.int32(length);
        }
        out.write(text, from, length);
        return true;
    }
}
