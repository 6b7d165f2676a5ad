package io.pgflo.camel.sink.postgres;

import io.pgflo.camel.copybinary.BinaryRowEncoder;
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
 * @param byKey   for an UPDATE or DELETE that finds its row by the target's key, what a run of them needs to be
 *                applied as one set-based statement; null for other statements
 */
public record SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow,
                           InsertTarget insert, ByKey byKey) {

    /**
     * Takes {@code parameters} without a copy, which costs a list per change: the caller must not change it. A
     * copied row's {@link CopyTextParameters} are immutable and stay as they are, so COPY can send their text.
     */
    public SqlStatement {
        if (!(parameters instanceof CopyTextParameters)) {
            parameters = java.util.Collections.unmodifiableList(parameters);
        }
    }

    public SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow) {
        this(sql, parameters, change, ifNoRow, null, null);
    }

    public SqlStatement(String sql, List<String> parameters, ChangeRecord change, SqlStatement ifNoRow, InsertTarget insert) {
        this(sql, parameters, change, ifNoRow, insert, null);
    }

    /**
     * The quoted target table and columns of an upsert; its parameters line up with {@code columns}.
     * {@code binary} writes its rows for a binary COPY, or is null when a column's type has no binary encoder;
     * {@code typeOids} are the columns' types it was built for, which the target must still have.
     */
    public record InsertTarget(String table, List<String> columns, BinaryRowEncoder binary, List<Long> typeOids) {
        public InsertTarget {
            columns = List.copyOf(columns);
            typeOids = List.copyOf(typeOids);
        }

        public InsertTarget(String table, List<String> columns) {
            this(table, columns, null, List.of());
        }
    }

    /**
     * An UPDATE (without a key change) or DELETE that finds its row by the target's key. Its parameters are the
     * values of {@code setColumns}, then those of {@code keyColumns}. Identifiers are quoted; each type is the
     * column's cast target (see {@link TargetTable#types()}).
     */
    public record ByKey(boolean delete, String table, List<String> setColumns, List<String> setTypes,
                        List<String> keyColumns, List<String> keyTypes) {
        public ByKey {
            setColumns = List.copyOf(setColumns);
            setTypes = List.copyOf(setTypes);
            keyColumns = List.copyOf(keyColumns);
            keyTypes = List.copyOf(keyTypes);
        }
    }
}
