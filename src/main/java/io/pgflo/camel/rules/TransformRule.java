package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;

/**
 * A {@code transform} rule: rewrites its column in the new row and in the old row alike, so a masked or
 * hashed column never leaks its clear value through the old image of an UPDATE or DELETE, and an old key
 * still finds the row the new values were written to. Old values the source did not send (the non-key
 * columns of a key-only old row) stay as they are. A change without the column passes unchanged.
 */
final class TransformRule implements Rule {

    private final String column;
    private final ValueTransform transform;
    // The changes of one message share their column descriptions, so the last one described is nearly always
    // the next one asked for; a hash would otherwise build a new description per change.
    private volatile Described lastDescribed;

    private record Described(ColumnInfo column, ColumnInfo as) { }

    TransformRule(String column, ValueTransform transform) {
        this.column = column;
        this.transform = transform;
    }

    @Override
    public boolean apply(RowDraft row) {
        int index = row.columnIndex(column);
        if (index < 0) {
            return true;
        }
        ColumnInfo info = row.column(index);
        if (row.hasNewRow()) {
            row.setNewValue(index, transform.apply(info, row.newValue(index)));
        }
        if (row.sentOldValue(index) != null) {
            row.setOldValue(index, transform.apply(info, row.sentOldValue(index)));
        }
        ColumnInfo described = describe(info);
        if (described != info) {
            row.setColumn(index, described);
        }
        return true;
    }

    private ColumnInfo describe(ColumnInfo info) {
        Described last = lastDescribed;
        if (last != null && last.column() == info) {
            return last.as();
        }
        ColumnInfo as = transform.describe(info);
        lastDescribed = new Described(info, as);
        return as;
    }
}
