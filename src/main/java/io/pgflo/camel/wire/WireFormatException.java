package io.pgflo.camel.wire;

/** A message that is not valid wire format; it names what was wrong and where. */
public final class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
