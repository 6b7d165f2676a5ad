package io.pgflo.camel.event;

import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An INSERT, UPDATE or DELETE of one row. Values are aligned with {@code columns} and hold each
 * value's exact PostgreSQL text form, or {@link TupleValue.Null} or {@link TupleValue.UnchangedToast}.
 *
 * <p>{@code newValues} is null for a DELETE. {@code oldValues} is null unless the source sent an old
 * image: the key columns when the key changed or for a DELETE ({@code oldIsKeyOnly}; other columns are
 * then null), or the whole row under REPLICA IDENTITY FULL.
 */
public record RowChange(Operation operation, TableName table, List<ColumnInfo> columns,
                        ReplicaIdentity replicaIdentity, List<TupleValue> newValues, List<TupleValue> oldValues,
                        boolean oldIsKeyOnly, Lsn lsn, TransactionInfo transaction) implements ChangeEvent {

    public RowChange {
        Objects.requireNonNull(operation, "operation");
        if (operation != Operation.INSERT && operation != Operation.UPDATE && operation != Operation.DELETE) {
            throw new IllegalArgumentException("a row change is an INSERT, UPDATE or DELETE, not " + operation);
        }
        columns = List.copyOf(columns);
        newValues = immutable(newValues);
        oldValues = immutable(oldValues);
        checkWidth("new", newValues, columns.size(), table);
        checkWidth("old", oldValues, columns.size(), table);
    }

    /** A copied row stays in its COPY text form, which is immutable already; reading it here would undo that. */
    private static List<TupleValue> immutable(List<TupleValue> values) {
        return values == null || values instanceof CopyTextRow ? values : List.copyOf(values);
    }

    private static void checkWidth(String which, List<TupleValue> values, int width, TableName table) {
        if (values != null && values.size() != width) {
            throw new IllegalArgumentException(which + " row of " + table + " has " + values.size()
                    + " values for " + width + " columns");
        }
    }

    /** Names of the replica-identity columns, in column order. */
    public List<String> keyColumns() {
        List<String> keys = new ArrayList<>();
        for (ColumnInfo column : columns) {
            if (column.key()) {
                keys.add(column.name());
            }
        }
        return keys;
    }

    /** Index of the named column, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The new value of the named column, or null when the column does not exist or there is no new row. */
    public TupleValue newValue(String name) {
        int index = columnIndex(name);
        return index < 0 || newValues == null ? null : newValues.get(index);
    }

    /** The old value of the named column, or null when the column does not exist or there is no old row. */
    public TupleValue oldValue(String name) {
        int index = columnIndex(name);
        return index < 0 || oldValues == null ? null : oldValues.get(index);
    }

    @Override
    public int estimatedSize() {
        return 96 + 16 * columns.size() + valueBytes(newValues) + valueBytes(oldValues);
    }

    private static int valueBytes(List<TupleValue> values) {
        if (values == null) {
            return 0;
        }
        if (values instanceof CopyTextRow row) {
            return row.byteLength();
        }
        int total = 0;
        for (TupleValue value : values) {
            if (value instanceof TupleValue.Text text) {
                total += text.value().length();
            }
        }
        return total;
    }
}
