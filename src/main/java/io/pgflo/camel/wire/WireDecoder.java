package io.pgflo.camel.wire;

import static io.pgflo.camel.wire.WireFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Reads wire format version 1. Any fault raises {@link WireFormatException} naming the field. Thread-safe. */
public final class WireDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public WireMessage decode(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new WireFormatException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WireFormatException("expected a JSON object at the top level");
        }
        int version = integer(root, V, "message").intValue();
        if (version != VERSION) {
            throw new WireFormatException("wire format version " + version + " is not supported; this worker reads version " + VERSION);
        }
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
        JsonNode changes = array(root, CHANGES, "message");
        List<ChangeRecord> records = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            ChangeEvent event = change(changes.get(i), relations, tx, "changes[" + i + "]");
            records.add(new ChangeRecord(new Position(commitLsn, firstSeq + i), emittedAt, event));
        }
        return new WireMessage(tx == null ? null : tx.xid(), commitLsn, tx == null ? null : tx.commitTime(),
                tx == null ? null : tx.origin(), endLsn, firstSeq, last, emittedAt, records);
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

    private static ChangeEvent change(JsonNode node, List<Relation> relations, TransactionInfo tx, String where) {
        String op = text(node, OP, where);
        Lsn lsn = lsn(node, LSN, where);
        switch (op) {
            case "INSERT", "UPDATE", "DELETE" -> {
                int rel = integer(node, REL, where).intValue();
                if (rel < 0 || rel >= relations.size()) {
                    throw new WireFormatException(where + ".rel is " + rel + "; the message has " + relations.size() + " relations");
                }
                Relation relation = relations.get(rel);
                List<TupleValue> newValues = node.hasNonNull(NEW) ? values(node.get(NEW), relation, where + ".new") : null;
                List<TupleValue> oldValues = node.hasNonNull(OLD) ? values(node.get(OLD), relation, where + ".old") : null;
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

    private static List<TupleValue> values(JsonNode array, Relation relation, String where) {
        if (!array.isArray() || array.size() != relation.columns().size()) {
            throw new WireFormatException(where + " must be an array of " + relation.columns().size() + " values for "
                    + relation.table());
        }
        List<TupleValue> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (value.isTextual()) {
                values.add(new TupleValue.Text(value.textValue()));
            } else if (value.isNull()) {
                values.add(TupleValue.Null.INSTANCE);
            } else if (value.isObject() && value.path(UNCHANGED_TOAST).asBoolean(false)) {
                values.add(TupleValue.UnchangedToast.INSTANCE);
            } else {
                throw new WireFormatException(where + "[" + i + "] is " + value.getNodeType()
                        + "; expected a string, null or {\"unchanged_toast\":true}");
            }
        }
        return values;
    }

    private static JsonNode field(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new WireFormatException(where + "." + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isTextual()) {
            throw new WireFormatException(where + "." + name + " is " + value.getNodeType() + "; expected a string");
        }
        return value.textValue();
    }

    private static Long integer(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WireFormatException(where + "." + name + " is " + value + "; expected an integer");
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isBoolean()) {
            throw new WireFormatException(where + "." + name + " is " + value + "; expected true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode array(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isArray()) {
            throw new WireFormatException(where + "." + name + " is " + value.getNodeType() + "; expected an array");
        }
        return value;
    }

    private static Lsn lsn(JsonNode node, String name, String where) {
        try {
            return Lsn.parse(text(node, name, where));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + "." + name + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode node, String name, String where) {
        try {
            return Instant.parse(text(node, name, where));
        } catch (DateTimeParseException e) {
            throw new WireFormatException(where + "." + name + " is not an ISO-8601 instant", e);
        }
    }
}
