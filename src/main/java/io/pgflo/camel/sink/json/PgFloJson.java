package io.pgflo.camel.sink.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgflo.camel.ddl.DdlDocument;
import io.pgflo.camel.ddl.DdlDocumentCodec;
import io.pgflo.camel.ddl.DdlDocumentException;
import io.pgflo.camel.ddl.DdlMessages;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.event.TruncateEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Renders a change as the JSON object the stdout, file and webhook sinks write: pg_flo's fields under
 * pg_flo's names, plus the commit position, transaction and TOAST details pg_flo left out. The shape
 * is documented for users in {@code docs/json-format.md}.
 *
 * <p>Numbers in the object are exact: numeric values are {@code BigDecimal}s with the scale PostgreSQL
 * printed. {@link #toLine} writes them in plain digits; a caller writing {@link #toObjectNode}'s
 * result with its own mapper should enable {@code WRITE_BIGDECIMAL_AS_PLAIN} to get the same text.
 */
public final class PgFloJson {

    /** Containers around an embedded json value: the record, its tuple and up to six array dimensions. */
    private static final int RECORD_NESTING = 8;

    private static final ObjectWriter WRITER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    // Shortest digits that read back as the same double, as PostgreSQL prints floats.
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(EmbeddedJson.MAX_DEPTH + RECORD_NESTING)
                            .build())
                    .build())
            .build()
            .writer();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PgFloJson() {
    }

    /** The change as one compact JSON object on one line, without a line terminator. */
    public static String toLine(ChangeRecord record) {
        try {
            return write(toObjectNode(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the JSON of the change at " + record.position(), e);
        }
    }

    /** Writes any value the way {@link #toLine} does. */
    static String write(JsonNode value) throws JsonProcessingException {
        return WRITER.writeValueAsString(value);
    }

    /** The change as a JSON object, fields in documented order. */
    public static ObjectNode toObjectNode(ChangeRecord record) {
        ChangeEvent event = record.event();
        if (event instanceof RowChange row) {
            return row(record, row);
        }
        if (event instanceof TruncateEvent truncate) {
            return truncate(record, truncate);
        }
        if (event instanceof LogicalMessageEvent message) {
            if (DdlMessages.isDdl(message)) {
                try {
                    return ddl(record, message, DdlMessages.document(message));
                } catch (DdlDocumentException e) {
                    // Shown as the message it is, content included, rather than lost.
                    return message(record, message);
                }
            }
            return message(record, message);
        }
        throw new IllegalArgumentException("no JSON form for change event " + event.getClass().getName());
    }

    private static ObjectNode row(ChangeRecord record, RowChange row) {
        ObjectNode json = NODES.objectNode();
        json.put("Type", row.operation().name());
        json.put("Schema", row.table().schema());
        json.put("Table", row.table().table());
        json.set("ReplicationKey", RowChangeJson.replicationKey(row));
        putWhere(json, record);
        json.set("NewTuple", RowChangeJson.newTuple(row));
        json.set("OldTuple", RowChangeJson.oldTuple(row));
        putTransaction(json, record);
        json.set("UnchangedToastColumns", RowChangeJson.unchangedToastColumns(row));
        putOrigin(json, record);
        return json;
    }

    private static ObjectNode truncate(ChangeRecord record, TruncateEvent truncate) {
        if (truncate.tables().isEmpty()) {
            throw new IllegalArgumentException("TRUNCATE at " + record.position() + " names no table; pgoutput never sends one");
        }
        TableName first = truncate.tables().get(0);
        ObjectNode json = NODES.objectNode();
        json.put("Type", truncate.operation().name());
        // pg_flo readers look for one table here; every table is in "Tables".
        json.put("Schema", first.schema());
        json.put("Table", first.table());
        ArrayNode tables = json.putArray("Tables");
        for (TableName table : truncate.tables()) {
            tables.addObject().put("Schema", table.schema()).put("Table", table.table());
        }
        json.put("Cascade", truncate.cascade());
        json.put("RestartIdentity", truncate.restartIdentity());
        putWhere(json, record);
        putTransaction(json, record);
        putOrigin(json, record);
        return json;
    }

    /**
     * Tracked DDL in pg_flo's shape: {@code Type} DDL with the table and the command, plus the whole
     * document (the table's description before and after) under {@code Ddl}.
     */
    private static ObjectNode ddl(ChangeRecord record, LogicalMessageEvent message, DdlDocument document) {
        ObjectNode json = NODES.objectNode();
        json.put("Type", "DDL");
        json.put("Schema", document.table().schema());
        json.put("Table", document.table().table());
        json.put("Command", document.statement());
        json.put("CommandTag", document.command());
        json.put("Object", document.object());
        json.put("Concurrently", document.concurrently());
        if (document.unmappable() != null) {
            json.put("Unmappable", document.unmappable());
        }
        putWhere(json, record);
        try {
            json.set("Ddl", JSON_READER.readTree(DdlDocumentCodec.write(document)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read back a DDL document at " + record.position(), e);
        }
        json.put("Prefix", message.prefix());
        putTransaction(json, record);
        putOrigin(json, record);
        return json;
    }

    private static final ObjectMapper JSON_READER = new ObjectMapper();

    private static ObjectNode message(ChangeRecord record, LogicalMessageEvent message) {
        byte[] content = message.content();
        ObjectNode json = NODES.objectNode();
        json.put("Type", message.operation().name());
        json.put("Prefix", message.prefix());
        String text = utf8(content);
        if (text != null) {
            json.put("Content", text);
        }
        json.put("ContentBase64", Base64.getEncoder().encodeToString(content));
        json.put("Transactional", message.transactional());
        putWhere(json, record);
        putTransaction(json, record);
        putOrigin(json, record);
        return json;
    }

    private static void putWhere(ObjectNode json, ChangeRecord record) {
        json.put("LSN", record.event().lsn() == null ? null : record.event().lsn().toString());
        json.put("EmittedAt", record.emittedAt().toString());
    }

    /** A non-transactional message has no transaction; its transaction fields are then null. */
    private static void putTransaction(ObjectNode json, ChangeRecord record) {
        TransactionInfo transaction = record.event().transaction();
        boolean known = transaction != null;
        json.put("CommitLSN", known && transaction.commitLsn() != null ? transaction.commitLsn().toString() : null);
        if (known && transaction.xid() != null) {
            json.put("Xid", transaction.xid().value());
        } else {
            json.putNull("Xid");
        }
        json.put("CommitTime", known && transaction.commitTime() != null ? transaction.commitTime().toString() : null);
        json.put("Position", record.position().toString());
    }

    private static void putOrigin(ObjectNode json, ChangeRecord record) {
        TransactionInfo transaction = record.event().transaction();
        if (transaction != null && transaction.origin() != null) {
            json.put("Origin", transaction.origin());
        }
    }

    /** The bytes as text when they are valid UTF-8, else null: replacing bad bytes would alter the content. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
