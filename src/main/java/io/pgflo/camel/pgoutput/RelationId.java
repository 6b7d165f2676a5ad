package io.pgflo.camel.pgoutput;

/** The oid of a relation, as pgoutput names tables in its change messages. */
public record RelationId(long oid) {

    public static RelationId fromWire(int raw) {
        return new RelationId(Integer.toUnsignedLong(raw));
    }

    @Override
    public String toString() {
        return Long.toString(oid);
    }
}
