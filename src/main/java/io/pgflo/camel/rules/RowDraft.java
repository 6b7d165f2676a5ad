package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A row change being rewritten by the rules of its table. The lists are copied on the first edit only, and
 * {@link #result()} builds one new {@link RowChange} however many rules edited it, so rules that touch
 * nothing cost no allocation.
 */
final class RowDraft {

    private final RowChange original;
    private List<ColumnInfo> columns;
    private List<TupleValue> newValues;
    private List<TupleValue> oldValues;
    private boolean edited;

    RowDraft(RowChange original) {
        this.original = original;
        this.columns = original.columns();
        this.newValues = original.newValues();
        this.oldValues = original.oldValues();
    }

    Operation operation() {
        return original.operation();
    }

    RowChange original() {
        return original;
    }

    int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    ColumnInfo column(int index) {
        return columns.get(index);
    }

    boolean hasNewRow() {
        return newValues != null;
    }

    /** The new row's value; only when {@link #hasNewRow()}. */
    TupleValue newValue(int index) {
        return newValues.get(index);
    }

    /**
     * The old row's value when the source sent it, else null. In a key-only old row the other columns are
     * placeholders, not NULLs, so they count as not sent.
     */
    TupleValue sentOldValue(int index) {
        if (oldValues == null || original.oldIsKeyOnly() && !columns.get(index).key()) {
            return null;
        }
        return oldValues.get(index);
    }

    void setNewValue(int index, TupleValue value) {
        if (newValues.get(index).equals(value)) {
            return;
        }
        copy();
        newValues.set(index, value);
    }

    /** Sets an old value that {@link #sentOldValue} returned non-null for. */
    void setOldValue(int index, TupleValue value) {
        if (oldValues.get(index).equals(value)) {
            return;
        }
        copy();
        oldValues.set(index, value);
    }

    void setColumn(int index, ColumnInfo column) {
        if (columns.get(index).equals(column)) {
            return;
        }
        copy();
        columns.set(index, column);
    }

    /** Removes a column from the column list and from both rows. */
    void removeColumn(int index) {
        copy();
        columns.remove(index);
        if (newValues != null) {
            newValues.remove(index);
        }
        if (oldValues != null) {
            oldValues.remove(index);
        }
    }

    /** The rewritten change, or the original instance when no rule edited it. */
    RowChange result() {
        if (!edited) {
            return original;
        }
        return new RowChange(original.operation(), original.table(), columns, original.replicaIdentity(),
                newValues, oldValues, original.oldIsKeyOnly(), original.lsn(), original.transaction());
    }

    private void copy() {
        if (edited) {
            return;
        }
        edited = true;
        columns = new ArrayList<>(columns);
        newValues = newValues == null ? null : new ArrayList<>(newValues);
        oldValues = oldValues == null ? null : new ArrayList<>(oldValues);
    }
}
