package io.pgflo.camel.pgoutput;

/** A table's REPLICA IDENTITY setting, as the {@code R} message's one-byte code gives it. */
public enum ReplicaIdentity {
    /** {@code d}: the primary key, if there is one. */
    DEFAULT('d'),
    /** {@code n}: nothing; updates and deletes carry no old key. */
    NOTHING('n'),
    /** {@code f}: every column. */
    FULL('f'),
    /** {@code i}: a chosen unique index. */
    INDEX('i');

    private final char code;

    ReplicaIdentity(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** Returns the identity for {@code code}, or null when the byte is not one of {@code d n f i}. */
    static ReplicaIdentity fromCode(byte code) {
        for (ReplicaIdentity identity : values()) {
            if (identity.code == code) {
                return identity;
            }
        }
        return null;
    }
}
