package io.pgflo.camel.pgoutput;

/** A PostgreSQL transaction id: an unsigned 32-bit number as sent by pgoutput. */
public record Xid(long value) {

    public Xid {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("xid " + value + " is outside the unsigned 32-bit range");
        }
    }

    /** Reads the wire's signed int32 as the unsigned xid it stands for. */
    public static Xid fromWire(int raw) {
        return new Xid(Integer.toUnsignedLong(raw));
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
