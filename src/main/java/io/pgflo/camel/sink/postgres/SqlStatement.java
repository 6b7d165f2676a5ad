package io.pgflo.camel.sink.postgres;

import io.pgflo.camel.event.ChangeRecord;
import java.util.List;

/**
 * One statement to run for one change, with its parameters as PostgreSQL text (null for SQL NULL). The
 * server reads each parameter with the input function of the column it lands in, so every type keeps its
 * exact value.
 *
 * @param ifNoRow a statement to run when this one touched no row (an UPDATE whose row the target lacks
 *                becomes an upsert of the full row); null when none
 * @param bulk    for an upsert, the same write as a set operation, so a long run of them can be loaded with
 *                COPY and applied by one statement; null for other statements
 */
public record SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow,
                           BulkUpsert bulk) {

    public SqlStatement {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    public SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow) {
        this(sql, parameters, change, ifNoRow, null);
    }

    /**
     * An upsert as a set operation: {@code INSERT INTO table (columns) SELECT columns FROM <staged rows>}
     * followed by {@code conflictClause}. Parameters line up with {@code columns}; {@code keyIndexes} are
     * the parameters that hold the conflict key, empty when there is none.
     */
    public record BulkUpsert(String table, List<String> columns, String conflictClause, List<Integer> keyIndexes) {
        public BulkUpsert {
            columns = List.copyOf(columns);
            keyIndexes = List.copyOf(keyIndexes);
        }
    }
}
