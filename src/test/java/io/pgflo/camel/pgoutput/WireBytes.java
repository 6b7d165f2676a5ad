package io.pgflo.camel.pgoutput;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** A small big-endian writer for building pgoutput message fixtures in tests. */
public final class WireBytes {

    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static WireBytes message(char tag) {
        return new WireBytes().int8(tag);
    }

    public static WireBytes empty() {
        return new WireBytes();
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public WireBytes int8(int value) {
        out.write(value);
        return this;
    }

    public WireBytes int16(int value) {
        return int8(value >>> 8).int8(value);
    }

    public WireBytes int32(long value) {
        int v = (int) value;
        return int8(v >>> 24).int8(v >>> 16).int8(v >>> 8).int8(v);
    }

    public WireBytes int64(long value) {
        return int32(value >>> 32).int32(value);
    }

    public WireBytes lsn(String text) {
        return int64(Lsn.parse(text).value());
    }

    /** A timestamp as microseconds since 2000-01-01T00:00:00Z. */
    public WireBytes timestamp(Instant instant) {
        Duration since = Duration.between(PG_EPOCH, instant);
        return int64(Math.addExact(Math.multiplyExact(since.getSeconds(), 1_000_000L), since.getNano() / 1000));
    }

    public WireBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** UTF-8 bytes followed by a NUL. */
    public WireBytes cstring(String value) {
        return raw(value.getBytes(StandardCharsets.UTF_8)).int8(0);
    }

    /** Starts a TupleData: its column count. */
    public WireBytes tuple(int columns) {
        return int16(columns);
    }

    public WireBytes text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return int8('t').int32(bytes.length).raw(bytes);
    }

    public WireBytes binary(byte... value) {
        return int8('b').int32(value.length).raw(value);
    }

    public WireBytes nullValue() {
        return int8('n');
    }

    public WireBytes unchangedToast() {
        return int8('u');
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public int size() {
        return out.size();
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }
}
