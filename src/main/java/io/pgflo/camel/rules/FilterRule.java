package io.pgflo.camel.rules;

import io.pgflo.camel.pgoutput.TupleValue;

/**
 * A {@code filter} rule: the change passes when its column passes the condition, else it is dropped.
 *
 * <p>It tests the row the change leaves behind: the new row, or the old row for a DELETE. A TOASTed value an
 * UPDATE did not send is taken from the old row when the source sent it there. A missing column, a DELETE
 * without that column in its old row (usually only the key is sent), and a value unknown for these reasons
 * fail the filter, as NULL does (pg_flo did the same; {@code allow_empty_deletes} lets such DELETEs through).
 */
final class FilterRule implements Rule {

    private final String column;
    private final Condition condition;

    FilterRule(String column, Condition condition) {
        this.column = column;
        this.condition = condition;
    }

    @Override
    public boolean apply(RowDraft row) {
        int index = row.columnIndex(column);
        if (index < 0) {
            return false;
        }
        TupleValue value = subject(row, index);
        return value != null && condition.test(row.column(index), value);
    }

    /** The value to test, or null when it is unknown. */
    private static TupleValue subject(RowDraft row, int index) {
        if (!row.hasNewRow()) {
            return row.sentOldValue(index); // a DELETE: the old row is all it has
        }
        TupleValue value = row.newValue(index);
        if (value == TupleValue.UnchangedToast.INSTANCE) {
            TupleValue old = row.sentOldValue(index);
            if (old instanceof TupleValue.Text) {
                return old;
            }
        }
        return value;
    }
}
