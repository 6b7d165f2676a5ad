package io.pgflo.camel.pgoutput;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One decoded pgoutput message. Protocol 1 messages carry everything a committed transaction needs;
 * the protocol 2+ streaming messages ({@code S E c A}) are recognised so that a misconfigured slot is
 * reported precisely instead of being misread.
 */
public sealed interface PgOutputMessage {

    /** {@code B}: a transaction starts; {@code finalLsn} is the LSN of its commit record. */
    record Begin(Lsn finalLsn, Instant commitTime, Xid xid) implements PgOutputMessage { }

    /** {@code C}: a transaction committed; confirming {@code endLsn} tells the server it is consumed. */
    record Commit(int flags, Lsn commitLsn, Lsn endLsn, Instant commitTime) implements PgOutputMessage { }

    /** {@code O}: the changes that follow came from another node through replication origin {@code name}. */
    record Origin(Lsn originLsn, String name) implements PgOutputMessage { }

    /** {@code R}: the shape of a table; sent before its first change and again after its schema changes. */
    record Relation(RelationId id, String namespace, String name, ReplicaIdentity replicaIdentity,
                    List<Column> columns) implements PgOutputMessage {
        public Relation {
            columns = List.copyOf(columns);
        }
    }

    /** A column of a {@link Relation}; {@code key} marks the replica-identity columns. */
    record Column(boolean key, String name, long typeOid, int typeModifier) { }

    /** {@code Y}: names a type that is not built in, so its oid can be shown as a name. */
    record Type(long oid, String namespace, String name) implements PgOutputMessage { }

    /** {@code I}: a new row. */
    record Insert(Optional<Xid> streamXid, RelationId relation, TupleData newTuple) implements PgOutputMessage { }

    /**
     * {@code U}: a changed row. {@code oldTuple} is present with kind {@code K} when the key changed (key
     * columns only) or {@code O} for REPLICA IDENTITY FULL (the whole old row).
     */
    record Update(Optional<Xid> streamXid, RelationId relation, Optional<OldTuple> oldTuple,
                  TupleData newTuple) implements PgOutputMessage { }

    /** {@code D}: a deleted row, identified by its key ({@code K}) or whole old row ({@code O}). */
    record Delete(Optional<Xid> streamXid, RelationId relation, OldTuple oldTuple) implements PgOutputMessage { }

    /** The old image of an updated or deleted row. */
    record OldTuple(OldTupleKind kind, TupleData tuple) { }

    /** {@code K}: replica-identity key columns only; {@code O}: every column (REPLICA IDENTITY FULL). */
    enum OldTupleKind { KEY, OLD_ROW }

    /** {@code T}: one TRUNCATE of one or more tables. */
    record Truncate(Optional<Xid> streamXid, boolean cascade, boolean restartIdentity,
                    List<RelationId> relations) implements PgOutputMessage {
        public Truncate {
            relations = List.copyOf(relations);
        }
    }

    /** {@code M}: a message written with {@code pg_logical_emit_message}. */
    record LogicalMessage(Optional<Xid> streamXid, boolean transactional, Lsn lsn, String prefix,
                          byte[] content) implements PgOutputMessage {
        public LogicalMessage {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogicalMessage m && transactional == m.transactional && lsn.equals(m.lsn)
                    && prefix.equals(m.prefix) && streamXid.equals(m.streamXid)
                    && java.util.Arrays.equals(content, m.content);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(streamXid, transactional, lsn, prefix, java.util.Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "LogicalMessage[transactional=" + transactional + ", lsn=" + lsn + ", prefix=" + prefix
                    + ", content=" + content.length + " bytes]";
        }
    }

    /** {@code S} (protocol 2+): a block of an in-progress transaction starts. */
    record StreamStart(Xid xid, boolean firstSegment) implements PgOutputMessage { }

    /** {@code E} (protocol 2+): the current streamed block ends. */
    record StreamStop() implements PgOutputMessage { }

    /** {@code c} (protocol 2+): a streamed transaction committed. */
    record StreamCommit(Xid xid, int flags, Lsn commitLsn, Lsn endLsn, Instant commitTime) implements PgOutputMessage { }

    /** {@code A} (protocol 2+): a streamed (sub)transaction aborted. */
    record StreamAbort(Xid xid, Xid subXid) implements PgOutputMessage { }
}
