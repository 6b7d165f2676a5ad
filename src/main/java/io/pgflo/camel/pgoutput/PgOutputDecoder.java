package io.pgflo.camel.pgoutput;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes one pgoutput message (the payload of an XLogData record) into an immutable record.
 *
 * <p>A pure function: no I/O, no logging, no state. Inside a streamed block (between {@code S} and
 * {@code E}, protocol 2+) the server prefixes transactional messages with the xid; callers say so with
 * {@code insideStreamBlock}. Thread-safe.
 */
public final class PgOutputDecoder {

    private PgOutputDecoder() {
    }

    /** Decodes a protocol 1 message (no streamed block). */
    public static PgOutputMessage decode(ByteBuffer message) {
        return decode(message, false);
    }

    public static PgOutputMessage decode(byte[] message) {
        return decode(ByteBuffer.wrap(message), false);
    }

    /**
     * Decodes the message starting at the buffer's position; the buffer's position moves to the end of
     * the message.
     *
     * @throws PgOutputDecodeException naming the message type and the byte offset of the fault
     */
    public static PgOutputMessage decode(ByteBuffer message, boolean insideStreamBlock) {
        WireReader in = new WireReader(message);
        if (!in.hasRemaining()) {
            throw in.error("empty message, expected a one-byte message tag");
        }
        byte tag = in.int8("message tag");
        PgOutputMessage decoded = switch (tag) {
            case 'B' -> begin(named(in, "Begin"));
            case 'C' -> commit(named(in, "Commit"));
            case 'O' -> origin(named(in, "Origin"));
            case 'R' -> relation(named(in, "Relation"), insideStreamBlock);
            case 'Y' -> type(named(in, "Type"), insideStreamBlock);
            case 'I' -> insert(named(in, "Insert"), insideStreamBlock);
            case 'U' -> update(named(in, "Update"), insideStreamBlock);
            case 'D' -> delete(named(in, "Delete"), insideStreamBlock);
            case 'T' -> truncate(named(in, "Truncate"), insideStreamBlock);
            case 'M' -> logicalMessage(named(in, "Message"), insideStreamBlock);
            case 'S' -> streamStart(named(in, "Stream Start"));
            case 'E' -> new PgOutputMessage.StreamStop();
            case 'c' -> streamCommit(named(in, "Stream Commit"));
            case 'A' -> streamAbort(named(in, "Stream Abort"));
            default -> {
                in.messageType("unknown");
                throw new PgOutputDecodeException("unknown", 0,
                        "unknown message tag 0x" + String.format("%02x", tag & 0xff)
                                + " (expected one of B C O R Y I U D T M S E c A)");
            }
        };
        return decoded;
    }

    private static WireReader named(WireReader in, String name) {
        in.messageType(name);
        return in;
    }

    private static PgOutputMessage.Begin begin(WireReader in) {
        return new PgOutputMessage.Begin(in.lsn("final LSN"), in.timestamp("commit timestamp"), in.xid("xid"));
    }

    private static PgOutputMessage.Commit commit(WireReader in) {
        int flags = in.int8("flags");
        return new PgOutputMessage.Commit(flags, in.lsn("commit LSN"), in.lsn("end LSN"), in.timestamp("commit timestamp"));
    }

    private static PgOutputMessage.Origin origin(WireReader in) {
        return new PgOutputMessage.Origin(in.lsn("origin LSN"), in.string("origin name"));
    }

    private static PgOutputMessage.Relation relation(WireReader in, boolean streamed) {
        streamXid(in, streamed);
        RelationId id = RelationId.fromWire(in.int32("relation oid"));
        String namespace = in.string("namespace");
        String name = in.string("relation name");
        byte identityCode = in.int8("replica identity");
        ReplicaIdentity identity = ReplicaIdentity.fromCode(identityCode);
        if (identity == null) {
            throw new PgOutputDecodeException(in.messageType(), in.offset() - 1,
                    "unknown replica identity '" + (char) identityCode + "' (expected d, n, f or i)");
        }
        int count = Short.toUnsignedInt(in.int16("column count"));
        List<PgOutputMessage.Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (in.int8("column flags") & 1) != 0;
            String columnName = in.string("column name");
            long typeOid = Integer.toUnsignedLong(in.int32("column type oid"));
            int typmod = in.int32("column type modifier");
            columns.add(new PgOutputMessage.Column(key, columnName, typeOid, typmod));
        }
        return new PgOutputMessage.Relation(id, namespace, name, identity, columns);
    }

    private static PgOutputMessage.Type type(WireReader in, boolean streamed) {
        streamXid(in, streamed);
        long oid = Integer.toUnsignedLong(in.int32("type oid"));
        return new PgOutputMessage.Type(oid, in.string("namespace"), in.string("type name"));
    }

    private static PgOutputMessage.Insert insert(WireReader in, boolean streamed) {
        Optional<Xid> xid = streamXid(in, streamed);
        RelationId relation = RelationId.fromWire(in.int32("relation oid"));
        expect(in, 'N', "new tuple marker");
        return new PgOutputMessage.Insert(xid, relation, tuple(in));
    }

    private static PgOutputMessage.Update update(WireReader in, boolean streamed) {
        Optional<Xid> xid = streamXid(in, streamed);
        RelationId relation = RelationId.fromWire(in.int32("relation oid"));
        byte marker = in.int8("tuple marker");
        Optional<PgOutputMessage.OldTuple> old = Optional.empty();
        if (marker == 'K' || marker == 'O') {
            old = Optional.of(new PgOutputMessage.OldTuple(oldKind(marker), tuple(in)));
            marker = in.int8("new tuple marker");
        }
        if (marker != 'N') {
            throw markerError(in, marker, "K, O or N");
        }
        return new PgOutputMessage.Update(xid, relation, old, tuple(in));
    }

    private static PgOutputMessage.Delete delete(WireReader in, boolean streamed) {
        Optional<Xid> xid = streamXid(in, streamed);
        RelationId relation = RelationId.fromWire(in.int32("relation oid"));
        byte marker = in.int8("old tuple marker");
        if (marker != 'K' && marker != 'O') {
            throw markerError(in, marker, "K or O");
        }
        return new PgOutputMessage.Delete(xid, relation, new PgOutputMessage.OldTuple(oldKind(marker), tuple(in)));
    }

    private static PgOutputMessage.Truncate truncate(WireReader in, boolean streamed) {
        Optional<Xid> xid = streamXid(in, streamed);
        int count = in.int32("relation count");
        if (count < 0) {
            throw in.error("negative relation count " + count);
        }
        int options = in.int8("options");
        List<RelationId> relations = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            relations.add(RelationId.fromWire(in.int32("relation oid")));
        }
        return new PgOutputMessage.Truncate(xid, (options & 1) != 0, (options & 2) != 0, relations);
    }

    private static PgOutputMessage.LogicalMessage logicalMessage(WireReader in, boolean streamed) {
        // In a streamed block only transactional messages carry the xid, and the flag comes after it.
        Optional<Xid> xid = Optional.empty();
        if (streamed) {
            xid = Optional.of(in.xid("xid"));
        }
        boolean transactional = (in.int8("flags") & 1) != 0;
        Lsn lsn = in.lsn("message LSN");
        String prefix = in.string("prefix");
        int length = in.int32("content length");
        return new PgOutputMessage.LogicalMessage(xid, transactional, lsn, prefix, in.bytes(length, "content"));
    }

    private static PgOutputMessage.StreamStart streamStart(WireReader in) {
        Xid xid = in.xid("xid");
        return new PgOutputMessage.StreamStart(xid, in.int8("first segment flag") == 1);
    }

    private static PgOutputMessage.StreamCommit streamCommit(WireReader in) {
        Xid xid = in.xid("xid");
        int flags = in.int8("flags");
        return new PgOutputMessage.StreamCommit(xid, flags, in.lsn("commit LSN"), in.lsn("end LSN"),
                in.timestamp("commit timestamp"));
    }

    private static PgOutputMessage.StreamAbort streamAbort(WireReader in) {
        // Protocol 4 appends the abort LSN and timestamp; they are not needed to discard the transaction.
        Xid xid = in.xid("xid");
        return new PgOutputMessage.StreamAbort(xid, in.xid("subtransaction xid"));
    }

    private static Optional<Xid> streamXid(WireReader in, boolean streamed) {
        return streamed ? Optional.of(in.xid("xid")) : Optional.empty();
    }

    private static TupleData tuple(WireReader in) {
        int count = Short.toUnsignedInt(in.int16("tuple column count"));
        List<TupleValue> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte kind = in.int8("tuple column kind");
            switch (kind) {
                case 'n' -> values.add(TupleValue.Null.INSTANCE);
                case 'u' -> values.add(TupleValue.UnchangedToast.INSTANCE);
                case 't' -> values.add(new TupleValue.Text(in.utf8(in.int32("text length"), "text value")));
                case 'b' -> values.add(new TupleValue.Binary(in.bytes(in.int32("binary length"), "binary value")));
                default -> throw markerError(in, kind, "n, u, t or b for tuple column " + i);
            }
        }
        return new TupleData(values);
    }

    private static PgOutputMessage.OldTupleKind oldKind(byte marker) {
        return marker == 'K' ? PgOutputMessage.OldTupleKind.KEY : PgOutputMessage.OldTupleKind.OLD_ROW;
    }

    private static void expect(WireReader in, char expected, String what) {
        byte marker = in.int8(what);
        if (marker != expected) {
            throw markerError(in, marker, String.valueOf(expected));
        }
    }

    private static PgOutputDecodeException markerError(WireReader in, byte marker, String expected) {
        return new PgOutputDecodeException(in.messageType(), in.offset() - 1,
                "unexpected byte 0x" + String.format("%02x", marker & 0xff) + ", expected " + expected);
    }
}
