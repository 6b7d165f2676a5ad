package io.pgflo.camel.wire;

import static io.pgflo.camel.wire.WireFields.*;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.TupleValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes changes as wire format version 1 (docs/wire-format.md), or, for a run of copied rows that are still
 * COPY text, version 2: a JSON header, then the rows' lines as they are. A run of changes larger than the
 * byte limit is split into several messages, each with its own de-duplication id. Thread-safe.
 */
public final class WireEncoder {

    private static final JsonFactory JSON = new JsonFactory();
    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(java.time.ZoneOffset.UTC);

    private final int maxMessageBytes;

    /** @param maxMessageBytes the largest message to produce, below the NATS server's max_payload */
    public WireEncoder(int maxMessageBytes) {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("max message size must be at least 1024 bytes, got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** One encoded message and its de-duplication id. */
    public record Encoded(String messageId, byte[] bytes, int changeCount) { }

    /**
     * Encodes consecutive changes of one transaction.
     *
     * @param firstSeq ordinal of the first change in its transaction
     * @param last     whether these changes end the transaction
     * @param endLsn   the transaction's end LSN, given with {@code last}
     * @throws WireFormatException when a single change is larger than the message limit
     */
    public List<Encoded> encode(List<ChangeEvent> events, long firstSeq, boolean last, Lsn endLsn, Instant emittedAt) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to encode");
        }
        List<Encoded> out = new ArrayList<>();
        encodeInto(out, events, firstSeq, last, endLsn, emittedAt);
        return out;
    }

    private void encodeInto(List<Encoded> out, List<ChangeEvent> events, long firstSeq, boolean last, Lsn endLsn,
                            Instant emittedAt) {
        byte[] bytes = isCopyText(events) ? writeCopyText(events, firstSeq, last, endLsn, emittedAt)
                : write(events, firstSeq, last, endLsn, emittedAt);
        if (bytes.length <= maxMessageBytes) {
            out.add(new Encoded(WireMessage.messageId(commitLsn(events.get(0)), firstSeq, events.size()), bytes, events.size()));
            return;
        }
        if (events.size() == 1) {
            ChangeEvent event = events.get(0);
            throw new WireFormatException("the change at " + event.lsn() + describe(event) + " encodes to " + bytes.length
                    + " bytes, over the message limit of " + maxMessageBytes + " bytes; raise the NATS server's"
                    + " max_payload and the replicator's max message size");
        }
        int half = events.size() / 2;
        encodeInto(out, events.subList(0, half), firstSeq, false, null, emittedAt);
        encodeInto(out, events.subList(half, events.size()), firstSeq + half, last, endLsn, emittedAt);
    }

    private static String describe(ChangeEvent event) {
        return event instanceof RowChange row ? " in " + row.table() : "";
    }

    static Lsn commitLsn(ChangeEvent event) {
        return event.transaction() == null ? event.lsn() : event.transaction().commitLsn();
    }

    private static byte[] write(List<ChangeEvent> events, long firstSeq, boolean last, Lsn endLsn, Instant emittedAt) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + events.size() * 128);
        try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            writeHeader(json, VERSION, events.get(0), firstSeq, last, endLsn, emittedAt);
            Map<List<ColumnInfo>, Integer> relations = writeRelations(json, events);
            json.writeArrayFieldStart(CHANGES);
            for (ChangeEvent event : events) {
                writeChange(json, event, relations);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory", e);
        }
        return buffer.toByteArray();
    }

    /**
     * Whether the changes can go as version 2: INSERTs of one table shape at one LSN whose rows are all still
     * the COPY text they were read as. Anything else goes as JSON.
     */
    static boolean isCopyText(List<ChangeEvent> events) {
        if (!(events.get(0) instanceof RowChange first)) {
            return false;
        }
        for (ChangeEvent event : events) {
            if (!(event instanceof RowChange row) || row.operation() != Operation.INSERT
                    || !(row.newValues() instanceof CopyTextRow) || row.oldValues() != null
                    || row.columns() != first.columns() || !row.table().equals(first.table())
                    || row.replicaIdentity() != first.replicaIdentity() || !row.lsn().equals(first.lsn())
                    || !java.util.Objects.equals(row.transaction(), first.transaction())) {
                return false;
            }
        }
        return true;
    }

    /** The JSON header line, then each row's COPY text and a newline. */
    private static byte[] writeCopyText(List<ChangeEvent> events, long firstSeq, boolean last, Lsn endLsn,
                                        Instant emittedAt) {
        RowChange first = (RowChange) events.get(0);
        ByteArrayOutputStream header = new ByteArrayOutputStream(512 + 64 * first.columns().size());
        try (JsonGenerator json = JSON.createGenerator(header, JsonEncoding.UTF8)) {
            json.writeStartObject();
            writeHeader(json, COPY_TEXT_VERSION, first, firstSeq, last, endLsn, emittedAt);
            writeRelations(json, List.<ChangeEvent>of(first));
            json.writeStringField(LSN, first.lsn().toString());
            json.writeNumberField(ROWS, events.size());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory", e);
        }
        int size = header.size() + 1;
        for (ChangeEvent event : events) {
            size += ((CopyTextRow) ((RowChange) event).newValues()).byteLength() + 1;
        }
        byte[] bytes = new byte[size];
        int at = header.size();
        System.arraycopy(header.toByteArray(), 0, bytes, 0, at);
        bytes[at++] = '\n';
        for (ChangeEvent event : events) {
            CopyTextRow row = (CopyTextRow) ((RowChange) event).newValues();
            row.copyTo(bytes, at);
            at += row.byteLength();
            bytes[at++] = '\n';
        }
        return bytes;
    }

    private static void writeHeader(JsonGenerator json, int version, ChangeEvent first, long firstSeq, boolean last,
                                    Lsn endLsn, Instant emittedAt) throws IOException {
        TransactionInfo tx = first.transaction();
        json.writeNumberField(V, version);
        if (tx != null) {
            json.writeNumberField(XID, tx.xid().value());
            json.writeStringField(COMMIT_TIME, tx.commitTime().toString());
            if (tx.origin() != null) {
                json.writeStringField(ORIGIN, tx.origin());
            }
        }
        json.writeStringField(COMMIT_LSN, commitLsn(first).toString());
        json.writeNumberField(FIRST_SEQ, firstSeq);
        json.writeBooleanField(LAST, last);
        if (last && endLsn != null) {
            json.writeStringField(END_LSN, endLsn.toString());
        }
        // Fixed width, so the same changes always encode to the same size and split the same way.
        json.writeStringField(EMITTED_AT, TIMESTAMP.format(emittedAt));
    }

    /**
     * Writes each distinct table shape once; changes refer to it by index. The column lists are shared
     * by every change of a relation, so identity is enough to find repeats.
     */
    private static Map<List<ColumnInfo>, Integer> writeRelations(JsonGenerator json, List<ChangeEvent> events) throws IOException {
        Map<List<ColumnInfo>, Integer> index = new IdentityHashMap<>();
        json.writeArrayFieldStart(RELATIONS);
        for (ChangeEvent event : events) {
            if (event instanceof RowChange row && !index.containsKey(row.columns())) {
                index.put(row.columns(), index.size());
                json.writeStartObject();
                json.writeStringField(SCHEMA, row.table().schema());
                json.writeStringField(TABLE, row.table().table());
                json.writeStringField(IDENTITY, String.valueOf(row.replicaIdentity().code()));
                json.writeArrayFieldStart(COLUMNS);
                for (ColumnInfo column : row.columns()) {
                    json.writeStartObject();
                    json.writeStringField(NAME, column.name());
                    if (column.typeName() != null) {
                        json.writeStringField(TYPE, column.typeName());
                    }
                    json.writeNumberField(OID, column.typeOid());
                    json.writeNumberField(TYPMOD, column.typeModifier());
                    json.writeBooleanField(KEY, column.key());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        return index;
    }

    private static void writeChange(JsonGenerator json, ChangeEvent event, Map<List<ColumnInfo>, Integer> relations)
            throws IOException {
        json.writeStartObject();
        json.writeStringField(LSN, event.lsn().toString());
        if (event instanceof RowChange row) {
            json.writeStringField(OP, row.operation().name());
            json.writeNumberField(REL, relations.get(row.columns()));
            if (row.newValues() != null) {
                writeValues(json, NEW, row.newValues());
            }
            if (row.oldValues() != null) {
                writeValues(json, OLD, row.oldValues());
                json.writeBooleanField(OLD_KEY_ONLY, row.oldIsKeyOnly());
            }
        } else if (event instanceof TruncateEvent truncate) {
            json.writeStringField(OP, truncate.operation().name());
            json.writeArrayFieldStart(TABLES);
            for (TableName table : truncate.tables()) {
                json.writeStartObject();
                json.writeStringField(SCHEMA, table.schema());
                json.writeStringField(TABLE, table.table());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField(CASCADE, truncate.cascade());
            json.writeBooleanField(RESTART_IDENTITY, truncate.restartIdentity());
        } else {
            LogicalMessageEvent message = (LogicalMessageEvent) event;
            json.writeStringField(OP, message.operation().name());
            json.writeStringField(PREFIX, message.prefix());
            json.writeBinaryField(CONTENT, message.content());
            json.writeBooleanField(TRANSACTIONAL, message.transactional());
        }
        json.writeEndObject();
    }

    private static void writeValues(JsonGenerator json, String field, List<TupleValue> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (TupleValue value : values) {
            if (value instanceof TupleValue.Text text) {
                json.writeString(text.value());
            } else if (value == TupleValue.Null.INSTANCE) {
                json.writeNull();
            } else if (value == TupleValue.UnchangedToast.INSTANCE) {
                json.writeStartObject();
                json.writeBooleanField(UNCHANGED_TOAST, true);
                json.writeEndObject();
            } else {
                throw new WireFormatException("binary values are not part of the wire format; read the slot in text mode");
            }
        }
        json.writeEndArray();
    }
}
