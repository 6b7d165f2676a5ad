package io.pgflo.camel.sink.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.List;
import java.util.Objects;

/** The row-specific fields of an INSERT, UPDATE or DELETE: its key, its tuples and its unsent TOAST columns. */
final class RowChangeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RowChangeJson() {
    }

    /** pg_flo's {@code ReplicationKey}: which identity the table replicates with and its columns. */
    static ObjectNode replicationKey(RowChange row) {
        List<String> keyColumns = row.keyColumns();
        ObjectNode key = NODES.objectNode();
        key.put("Type", keyType(row.replicaIdentity(), keyColumns.isEmpty()));
        ArrayNode columns = key.putArray("Columns");
        keyColumns.forEach(columns::add);
        return key;
    }

    // REPLICA IDENTITY DEFAULT on a table without a primary key identifies rows no better than NOTHING.
    private static String keyType(ReplicaIdentity identity, boolean noKeyColumns) {
        Objects.requireNonNull(identity, "row change without a replica identity");
        return switch (identity) {
            case DEFAULT -> noKeyColumns ? "NONE" : "PRIMARY KEY";
            case INDEX -> "UNIQUE";
            case FULL -> "FULL";
            case NOTHING -> "NONE";
        };
    }

    /** The new row, without its unchanged TOAST columns; JSON null for a DELETE. */
    static JsonNode newTuple(RowChange row) {
        if (row.newValues() == null) {
            return NullNode.getInstance();
        }
        return tuple(row.columns(), row.newValues(), false);
    }

    /** The old row the source sent: only the key columns when it sent only the key; JSON null when none. */
    static JsonNode oldTuple(RowChange row) {
        if (row.oldValues() == null) {
            return NullNode.getInstance();
        }
        return tuple(row.columns(), row.oldValues(), row.oldIsKeyOnly());
    }

    /** Columns whose new value is an unchanged TOAST value the server did not send, in column order. */
    static ArrayNode unchangedToastColumns(RowChange row) {
        ArrayNode names = NODES.arrayNode();
        if (row.newValues() != null) {
            for (int i = 0; i < row.columns().size(); i++) {
                if (row.newValues().get(i) instanceof TupleValue.UnchangedToast) {
                    names.add(row.columns().get(i).name());
                }
            }
        }
        return names;
    }

    private static ObjectNode tuple(List<ColumnInfo> columns, List<TupleValue> values, boolean keyOnly) {
        ObjectNode tuple = NODES.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo column = columns.get(i);
            TupleValue value = values.get(i);
            // An unchanged TOAST value has no content to show; leaving the column out tells it apart from NULL.
            if ((keyOnly && !column.key()) || value instanceof TupleValue.UnchangedToast) {
                continue;
            }
            tuple.set(column.name(), value(column, value));
        }
        return tuple;
    }

    private static JsonNode value(ColumnInfo column, TupleValue value) {
        if (value instanceof TupleValue.Text text) {
            return PgValueTyper.typed(column.typeName(), text.value());
        }
        if (value instanceof TupleValue.Null) {
            return NullNode.getInstance();
        }
        throw new IllegalArgumentException("column " + column.name() + " holds a binary value, which has no text form to"
                + " render; changes must be read with pgoutput's binary option off");
    }
}
