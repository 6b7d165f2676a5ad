package io.pgflo.camel.copybinary;

/**
 * Turns a value's text, as PostgreSQL's output function writes it, into the binary form the column type's
 * receive function reads. An encoder knows one textual form exactly and refuses the rest rather than guess: a
 * refused value goes to the target as text, read by the type's input function.
 */
@FunctionalInterface
public interface FieldEncoder {

    /**
     * Writes the field: its length as an int32, then its bytes.
     *
     * @param text the value's text in UTF-8, {@code text[from, to)}
     * @return false, having written nothing, when the text is not in a form this encoder knows
     */
    boolean encode(byte[] text, int from, int to, CopyBytes out);
}
