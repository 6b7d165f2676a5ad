package io.pgflo.camel.copybinary;

import java.util.Arrays;

/** Bytes being written for a COPY, in network byte order, in an array that grows as needed. Not thread-safe. */
public final class CopyBytes {

    private byte[] bytes;
    private int size;

    public CopyBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** The array written so far; valid up to {@link #size()}, and only until the next write. */
    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }

    /** Forgets what was written after {@code size}: a row that could not be written whole. */
    public void truncate(int size) {
        if (size < 0 || size > this.size) {
            throw new IndexOutOfBoundsException("truncate to " + size + " of " + this.size);
        }
        this.size = size;
    }

    public void clear() {
        size = 0;
    }

    public void int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    public void int32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    public void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void write(byte[] from, int offset, int length) {
        ensure(length);
        System.arraycopy(from, offset, bytes, size, length);
        size += length;
    }

    /**
     * Counts {@code length} more bytes as written, for a caller that copies them into {@link #array()} itself.
     *
     * @return where in {@link #array()} they go
     */
    public int claim(int length) {
        ensure(length);
        int at = size;
        size += length;
        return at;
    }

    /** Room for {@code more} bytes after what is written. */
    public void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
