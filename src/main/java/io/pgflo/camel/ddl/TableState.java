package io.pgflo.camel.ddl;

import io.pgflo.camel.event.TableName;
import java.util.List;
import java.util.Optional;

/** A table as the source's event trigger (or the target's catalog) describes it: columns, indexes, constraints. */
public record TableState(TableName name, List<ColumnState> columns, List<IndexState> indexes,
                         List<ConstraintState> constraints) {

    public TableState {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
    }

    public Optional<ColumnState> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<ColumnState> columnNumbered(int attnum) {
        return columns.stream().filter(c -> c.attnum() == attnum).findFirst();
    }

    public Optional<IndexState> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    public Optional<IndexState> indexWithOid(long oid) {
        return indexes.stream().filter(i -> i.oid() == oid).findFirst();
    }

    public Optional<ConstraintState> constraint(String constraintName) {
        return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
    }
}
