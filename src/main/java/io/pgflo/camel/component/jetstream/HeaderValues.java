package io.pgflo.camel.component.jetstream;

/** NATS header values must be printable ASCII on one line; jnats refuses anything else. */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** The text on one line, other characters written as {@code \\uXXXX}, cut at {@code max} characters. */
    public static String printable(String text, int max) {
        String source = text == null ? "" : text;
        StringBuilder out = new StringBuilder(Math.min(source.length(), max));
        for (int i = 0; i < source.length() && out.length() < max; i++) {
            char c = source.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                out.append(' ');
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
