package io.pgflo.camel.wire;

import static io.pgflo.camel.wire.WireFields.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads wire format versions 1 and 2. Any fault raises {@link WireFormatException} naming the field. Thread-safe.
 *
 * <p>The message is read as a token stream: the row values, nearly all of a message, go straight into
 * {@link TupleValue}s without a tree node each. The other fields are few and small; they are kept as nodes
 * and checked only once the whole message is read, because a writer may put the fields in any order.
 */
public final class WireDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public WireMessage decode(byte[] bytes) {
        ObjectNode root = MAPPER.createObjectNode();
        List<RawChange> rawChanges = null;
        int headerEnd;
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new WireFormatException("expected a JSON object at the top level");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (CHANGES.equals(name) && token == JsonToken.START_ARRAY) {
                    rawChanges = changes(parser);
                } else {
                    root.set(name, node(parser, token));
                    if (V.equals(name)) {
                        checkVersion(root);
                    }
                }
            }
            headerEnd = (int) parser.currentLocation().getByteOffset();
        } catch (IOException e) {
            throw new WireFormatException("not JSON: " + e.getMessage(), e);
        }
        int version = checkVersion(root);
        Lsn commitLsn = lsn(root, COMMIT_LSN, "message");
        TransactionInfo tx = root.hasNonNull(XID)
                ? new TransactionInfo(new Xid(integer(root, XID, "message")), commitLsn, instant(root, COMMIT_TIME, "message"),
                        root.hasNonNull(ORIGIN) ? text(root, ORIGIN, "message") : null)
                : null;
        long firstSeq = integer(root, FIRST_SEQ, "message");
        boolean last = bool(root, LAST, "message");
        Lsn endLsn = root.hasNonNull(END_LSN) ? lsn(root, END_LSN, "message") : null;
        Instant emittedAt = instant(root, EMITTED_AT, "message");
        List<Relation> relations = relations(array(root, RELATIONS, "message"));
        if (version == COPY_TEXT_VERSION) {
            if (rawChanges != null) {
                throw new WireFormatException("a version " + COPY_TEXT_VERSION + " message has no changes array: its rows follow the header");
            }
            List<ChangeRecord> records = copyTextRows(bytes, headerEnd, root, relations, tx, commitLsn, firstSeq, emittedAt);
            return new WireMessage(tx == null ? null : tx.xid(), commitLsn, tx == null ? null : tx.commitTime(),
                    tx == null ? null : tx.origin(), endLsn, firstSeq, last, emittedAt, records);
        }
        if (rawChanges == null) {
            array(root, CHANGES, "message"); // names what is wrong: missing, or not an array
            throw new IllegalStateException("unreachable: changes is neither missing nor an array");
        }
        List<ChangeRecord> records = new ArrayList<>(rawChanges.size());
        for (int i = 0; i < rawChanges.size(); i++) {
            ChangeEvent event = change(rawChanges.get(i), relations, tx, new Path(CHANGES, i));
            records.add(new ChangeRecord(new Position(commitLsn, firstSeq + i), emittedAt, event));
        }
        return new WireMessage(tx == null ? null : tx.xid(), commitLsn, tx == null ? null : tx.commitTime(),
                tx == null ? null : tx.origin(), endLsn, firstSeq, last, emittedAt, records);
    }

    /**
     * Where a fault is, such as {@code changes[12]}, put into words only when there is a fault: building
     * the text for every change of every message cost more than reading the change's small fields.
     */
    private record Path(String array, int index) {
        @Override
        public String toString() {
            return array + "[" + index + "]";
        }
    }

    private static int checkVersion(ObjectNode root) {
        long version = integer(root, V, "message");
        if (version != VERSION && version != COPY_TEXT_VERSION) {
            throw new WireFormatException("wire format version " + version + " is not supported; this worker reads versions "
                    + VERSION + " and " + COPY_TEXT_VERSION);
        }
        return (int) version;
    }

    /**
     * The rows of a version 2 message: after the header and one newline, one line of COPY text per row, each
     * ending in a newline, all INSERTs of the message's one relation.
     */
    private static List<ChangeRecord> copyTextRows(byte[] bytes, int headerEnd, ObjectNode root, List<Relation> relations,
                                                   TransactionInfo tx, Lsn commitLsn, long firstSeq, Instant emittedAt) {
        if (relations.size() != 1) {
            throw new WireFormatException("a version " + COPY_TEXT_VERSION + " message has one relation; this one has "
                    + relations.size());
        }
        Relation relation = relations.get(0);
        Lsn lsn = lsn(root, LSN, "message");
        long expected = integer(root, ROWS, "message");
        if (headerEnd >= bytes.length || bytes[headerEnd] != '\n') {
            throw new WireFormatException("a version " + COPY_TEXT_VERSION + " message's header must end in a newline,"
                    + " followed by its rows");
        }
        List<ChangeRecord> records = new ArrayList<>((int) Math.max(0, Math.min(expected, 1 << 16)));
        int from = headerEnd + 1;
        while (from < bytes.length) {
            CopyTextRow row;
            try {
                row = CopyTextRow.line(bytes, from, bytes.length, relation.columns().size());
            } catch (IllegalArgumentException e) {
                throw new WireFormatException(new Path(ROWS, records.size()) + " of " + relation.table() + ": "
                        + e.getMessage(), e);
            }
            if (row == null) {
                throw new WireFormatException(new Path(ROWS, records.size()) + " does not end in a newline");
            }
            records.add(new ChangeRecord(new Position(commitLsn, firstSeq + records.size()), emittedAt,
                    new RowChange(Operation.INSERT, relation.table(), relation.columns(), relation.identity(), row, null,
                            false, lsn, tx)));
            from = row.end() + 1;
        }
        if (records.isEmpty() || records.size() != expected) {
            throw new WireFormatException("the message holds " + records.size() + " rows; its " + ROWS + " field says "
                    + expected);
        }
        return records;
    }

    /**
     * A change as read: its small fields as nodes, its rows as values. A row is a {@code List<TupleValue>},
     * or the node found instead of an array, reported once the relation's width is known.
     */
    private record RawChange(ObjectNode fields, Object newRow, Object oldRow) { }

    private static List<RawChange> changes(JsonParser parser) throws IOException {
        List<RawChange> changes = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            Path where = new Path(CHANGES, changes.size());
            if (token != JsonToken.START_OBJECT) {
                throw new WireFormatException(where + " is " + node(parser, token).getNodeType() + "; expected an object");
            }
            // Few fields, and a map each would cost more than the rest of the change.
            ObjectNode fields = new ObjectNode(MAPPER.getNodeFactory(), new java.util.HashMap<>(8));
            Object newRow = null;
            Object oldRow = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (NEW.equals(name)) {
                    newRow = row(parser, value, where, NEW);
                } else if (OLD.equals(name)) {
                    oldRow = row(parser, value, where, OLD);
                } else {
                    fields.set(name, node(parser, value));
                }
            }
            changes.add(new RawChange(fields, newRow, oldRow));
        }
        return changes;
    }

    /** @return the values of a row array, null for JSON null, or the node found instead */
    private static Object row(JsonParser parser, JsonToken token, Object where, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            return node(parser, token);
        }
        List<TupleValue> values = new ArrayList<>();
        JsonToken value;
        while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (value == JsonToken.VALUE_STRING) {
                values.add(new TupleValue.Text(parser.getText()));
            } else if (value == JsonToken.VALUE_NULL) {
                values.add(TupleValue.Null.INSTANCE);
            } else {
                JsonNode node = node(parser, value);
                if (!node.isObject() || !node.path(UNCHANGED_TOAST).asBoolean(false)) {
                    throw new WireFormatException(where + "." + field + "[" + values.size() + "] is " + node.getNodeType()
                            + "; expected a string, null or {\"unchanged_toast\":true}");
                }
                values.add(TupleValue.UnchangedToast.INSTANCE);
            }
        }
        return values;
    }

    /** The value at the current token as a node; scalars are built directly, which costs far less than a tree read. */
    private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(parser.getIntValue());
                    case LONG:
                        return LongNode.valueOf(parser.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(parser.getBigIntegerValue());
                }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                JsonNode tree = parser.readValueAsTree();
                return tree == null ? MissingNode.getInstance() : tree;
        }
    }

    private record Relation(TableName table, ReplicaIdentity identity, List<ColumnInfo> columns) { }

    private static List<Relation> relations(JsonNode array) {
        List<Relation> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String where = "relations[" + i + "]";
            JsonNode node = array.get(i);
            String identityCode = text(node, IDENTITY, where);
            ReplicaIdentity identity = null;
            for (ReplicaIdentity candidate : ReplicaIdentity.values()) {
                if (identityCode.length() == 1 && candidate.code() == identityCode.charAt(0)) {
                    identity = candidate;
                }
            }
            if (identity == null) {
                throw new WireFormatException(where + "." + IDENTITY + " is '" + identityCode + "'; expected d, n, f or i");
            }
            JsonNode columnNodes = array(node, COLUMNS, where);
            List<ColumnInfo> columns = new ArrayList<>(columnNodes.size());
            for (int c = 0; c < columnNodes.size(); c++) {
                JsonNode column = columnNodes.get(c);
                String at = where + ".columns[" + c + "]";
                columns.add(new ColumnInfo(text(column, NAME, at), integer(column, OID, at),
                        column.hasNonNull(TYPE) ? text(column, TYPE, at) : null, integer(column, TYPMOD, at).intValue(),
                        bool(column, KEY, at)));
            }
            result.add(new Relation(new TableName(text(node, SCHEMA, where), text(node, TABLE, where)), identity,
                    List.copyOf(columns)));
        }
        return result;
    }

    private static ChangeEvent change(RawChange raw, List<Relation> relations, TransactionInfo tx, Object where) {
        ObjectNode node = raw.fields();
        String op = text(node, OP, where);
        Lsn lsn = lsn(node, LSN, where);
        switch (op) {
            case "INSERT", "UPDATE", "DELETE" -> {
                int rel = integer(node, REL, where).intValue();
                if (rel < 0 || rel >= relations.size()) {
                    throw new WireFormatException(where + ".rel is " + rel + "; the message has " + relations.size() + " relations");
                }
                Relation relation = relations.get(rel);
                List<TupleValue> newValues = raw.newRow() == null ? null : values(raw.newRow(), relation, where, NEW);
                List<TupleValue> oldValues = raw.oldRow() == null ? null : values(raw.oldRow(), relation, where, OLD);
                boolean keyOnly = oldValues != null && bool(node, OLD_KEY_ONLY, where);
                return new RowChange(Operation.valueOf(op), relation.table(), relation.columns(), relation.identity(),
                        newValues, oldValues, keyOnly, lsn, tx);
            }
            case "TRUNCATE" -> {
                JsonNode tables = array(node, TABLES, where);
                List<TableName> names = new ArrayList<>();
                for (int i = 0; i < tables.size(); i++) {
                    String at = where + ".tables[" + i + "]";
                    names.add(new TableName(text(tables.get(i), SCHEMA, at), text(tables.get(i), TABLE, at)));
                }
                return new TruncateEvent(names, bool(node, CASCADE, where), bool(node, RESTART_IDENTITY, where), lsn, tx);
            }
            case "MESSAGE" -> {
                byte[] content;
                try {
                    content = field(node, CONTENT, where).binaryValue();
                } catch (IOException e) {
                    throw new WireFormatException(where + ".content is not base64", e);
                }
                if (content == null) {
                    throw new WireFormatException(where + ".content is not base64 text");
                }
                return new LogicalMessageEvent(text(node, PREFIX, where), content, bool(node, TRANSACTIONAL, where), lsn, tx);
            }
            default -> throw new WireFormatException(where + ".op is '" + op + "'; expected INSERT, UPDATE, DELETE, TRUNCATE or MESSAGE");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<TupleValue> values(Object row, Relation relation, Object where, String field) {
        if (!(row instanceof List) || ((List<TupleValue>) row).size() != relation.columns().size()) {
            throw new WireFormatException(where + "." + field + " must be an array of " + relation.columns().size() + " values for "
                    + relation.table());
        }
        return (List<TupleValue>) row;
    }

    private static JsonNode field(JsonNode node, String name, Object where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new WireFormatException(where + "." + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name, Object where) {
        JsonNode value = field(node, name, where);
        if (!value.isTextual()) {
            throw new WireFormatException(where + "." + name + " is " + value.getNodeType() + "; expected a string");
        }
        return value.textValue();
    }

    private static Long integer(JsonNode node, String name, Object where) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WireFormatException(where + "." + name + " is " + value + "; expected an integer");
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode node, String name, Object where) {
        JsonNode value = field(node, name, where);
        if (!value.isBoolean()) {
            throw new WireFormatException(where + "." + name + " is " + value + "; expected true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode array(JsonNode node, String name, Object where) {
        JsonNode value = field(node, name, where);
        if (!value.isArray()) {
            throw new WireFormatException(where + "." + name + " is " + value.getNodeType() + "; expected an array");
        }
        return value;
    }

    private static Lsn lsn(JsonNode node, String name, Object where) {
        try {
            return Lsn.parse(text(node, name, where));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + "." + name + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode node, String name, Object where) {
        try {
            return Instant.parse(text(node, name, where));
        } catch (DateTimeParseException e) {
            throw new WireFormatException(where + "." + name + " is not an ISO-8601 instant", e);
        }
    }
}
