package io.pgflo.camel.sink.postgres;

import io.pgflo.camel.copytext.CopyTextRow;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The parameters of an upsert of a copied row, read from its COPY text only when a statement binds them. A
 * COPY into the target sends {@link #row()}'s text as it is instead.
 */
public final class CopyTextParameters extends AbstractList<String> implements RandomAccess {

    private final CopyTextRow row;

    CopyTextParameters(CopyTextRow row) {
        this.row = row;
    }

    /** The row, in the order of the statement's columns. */
    public CopyTextRow row() {
        return row;
    }

    @Override
    public String get(int index) {
        return StatementPlanner.text(row.get(index));
    }

    @Override
    public int size() {
        return row.size();
    }
}
