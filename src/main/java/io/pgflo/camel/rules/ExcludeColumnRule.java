package io.pgflo.camel.rules;

/**
 * {@code exclude_column}: removes the column from the change, from its column list and from both rows, for
 * example a generated column the target computes itself. A key column is refused: without it the sink
 * cannot find the row an UPDATE or DELETE is about. Under REPLICA IDENTITY FULL every column is part of the
 * key, so no column of such a table can be excluded.
 */
final class ExcludeColumnRule implements Rule {

    private final String column;
    private final RuleLocation where;

    ExcludeColumnRule(String column, RuleLocation where) {
        this.column = column;
        this.where = where;
    }

    @Override
    public boolean apply(RowDraft row) {
        int index = row.columnIndex(column);
        if (index < 0) {
            return true;
        }
        if (row.column(index).key()) {
            throw where.error("column", "'" + column + "' is a key column of " + row.original().table()
                    + "; exclude_column cannot remove a key column, because the sink needs it to apply UPDATEs"
                    + " and DELETEs (expected a non-key column)");
        }
        row.removeColumn(index);
        return true;
    }
}
