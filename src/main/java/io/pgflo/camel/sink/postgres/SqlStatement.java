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
 * @param insert  for an upsert, the target and columns it writes, so a long run of them can be tried as one
 *                COPY first; null for other statements
 */
public record SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow,
                           InsertTarget insert) {

    public SqlStatement {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    public SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow) {
        this(sql, parameters, change, ifNoRow, null);
    }

    /** The quoted target table and columns of an upsert; its parameters line up with {@code columns}. */
    public record InsertTarget(String table, List<String> columns) {
        public InsertTarget {
            columns = List.copyOf(columns);
        }
    }
}
