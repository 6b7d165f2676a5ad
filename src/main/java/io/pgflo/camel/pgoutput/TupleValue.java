package io.pgflo.camel.pgoutput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One column of a pgoutput tuple: {@code n} null, {@code u} unchanged TOAST, {@code t} text or {@code b} binary. */
public sealed interface TupleValue {

    /** The column is SQL NULL. */
    enum Null implements TupleValue { INSTANCE }

    /** The column is a TOASTed value that did not change; the server did not send it. */
    enum UnchangedToast implements TupleValue { INSTANCE }

    /** The value in its type's text output form, the same form {@code COPY ... TO STDOUT} writes. */
    record Text(String value) implements TupleValue {
        public Text {
            if (value == null) {
                throw new IllegalArgumentException("text value must not be null; use Null");
            }
        }
    }

    /** The value in its type's binary send form (only when the binary option is on). */
    record Binary(byte[] value) implements TupleValue {
        public Binary {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Binary[" + value.length + " bytes]";
        }
    }

    static TupleValue text(byte[] bytes, int offset, int length) {
        return new Text(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
}
