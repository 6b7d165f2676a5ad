package io.pgflo.camel.pgoutput;

/** Raised for bytes that are not a well-formed pgoutput message; names the message type and byte offset. */
public final class PgOutputDecodeException extends RuntimeException {

    private final String messageType;
    private final int offset;

    public PgOutputDecodeException(String messageType, int offset, String detail) {
        super("pgoutput " + messageType + " message: " + detail + " at byte offset " + offset);
        this.messageType = messageType;
        this.offset = offset;
    }

    public String messageType() {
        return messageType;
    }

    public int offset() {
        return offset;
    }
}
