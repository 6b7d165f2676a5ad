package io.pgflo.camel.component.sink.postgres;

import java.util.Arrays;
import java.util.List;

/**
 * Rows in COPY's text format, encoded straight into UTF-8 bytes: {@code \N} for NULL, backslash, tab, newline
 * and carriage return escaped, columns separated by tabs, rows ended by a newline. One growing buffer is
 * reused for a whole run, so a row costs no String or byte array of its own; the caller hands the buffer to
 * the server whenever it holds enough.
 */
final class CopyTextBuffer {

    private byte[] bytes;
    private int length;

    CopyTextBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    void appendRow(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            appendValue(values.get(i));
        }
        put((byte) '\n');
    }

    private void appendValue(String value) {
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return;
        }
        ensure(value.length() * 3);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> escaped('\\');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\r' -> escaped('r');
                    default -> bytes[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                bytes[length++] = (byte) (0xF0 | cp >> 18);
                bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                // As String.getBytes does: a lone surrogate has no UTF-8 form.
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** An escape takes two bytes where ensure() counted up to three per char, so there is room. */
    private void escaped(char c) {
        bytes[length++] = '\\';
        bytes[length++] = (byte) c;
    }

    private void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }
}
