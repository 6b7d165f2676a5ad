package io.pgflo.camel.pgoutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A bounds-checked cursor over one pgoutput message. Every read checks the remaining length first, so
 * a truncated message fails with the message type and offset rather than an opaque buffer exception.
 */
final class WireReader {

    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private final ByteBuffer buffer;
    private final int start;
    private String messageType = "unknown";

    WireReader(ByteBuffer buffer) {
        this.buffer = buffer;
        this.start = buffer.position();
    }

    void messageType(String name) {
        this.messageType = name;
    }

    String messageType() {
        return messageType;
    }

    /** Offset from the start of the message. */
    int offset() {
        return buffer.position() - start;
    }

    boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    PgOutputDecodeException error(String detail) {
        return new PgOutputDecodeException(messageType, offset(), detail);
    }

    private void require(int bytes, String what) {
        if (buffer.remaining() < bytes) {
            throw error("truncated: " + what + " needs " + bytes + " bytes but " + buffer.remaining() + " remain");
        }
    }

    byte int8(String what) {
        require(1, what);
        return buffer.get();
    }

    short int16(String what) {
        require(2, what);
        return buffer.getShort();
    }

    int int32(String what) {
        require(4, what);
        return buffer.getInt();
    }

    long int64(String what) {
        require(8, what);
        return buffer.getLong();
    }

    Lsn lsn(String what) {
        return Lsn.of(int64(what));
    }

    Xid xid(String what) {
        return Xid.fromWire(int32(what));
    }

    Instant timestamp(String what) {
        long micros = int64(what);
        return PG_EPOCH.plus(Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
    }

    /** A NUL-terminated UTF-8 string. */
    String string(String what) {
        int from = buffer.position();
        int end = from;
        int limit = buffer.limit();
        while (end < limit && buffer.get(end) != 0) {
            end++;
        }
        if (end == limit) {
            throw error("truncated: " + what + " has no terminating NUL byte");
        }
        String value;
        if (buffer.hasArray()) {
            value = new String(buffer.array(), buffer.arrayOffset() + from, end - from, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[end - from];
            buffer.get(from, bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        buffer.position(end + 1);
        return value;
    }

    byte[] bytes(int length, String what) {
        if (length < 0) {
            throw error(what + " has negative length " + length);
        }
        require(length, what);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** Decodes {@code length} bytes as UTF-8 text without an intermediate copy when the buffer has an array. */
    String utf8(int length, String what) {
        if (length < 0) {
            throw error(what + " has negative length " + length);
        }
        require(length, what);
        if (buffer.hasArray()) {
            int from = buffer.position();
            buffer.position(from + length);
            return new String(buffer.array(), buffer.arrayOffset() + from, length, StandardCharsets.UTF_8);
        }
        return new String(bytes(length, what), StandardCharsets.UTF_8);
    }
}
