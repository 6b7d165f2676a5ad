package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.sink.postgres.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run of upserts as one {@code COPY} into the target, inside a savepoint. When none of the rows is
 * there yet (an initial copy, new rows) that is what PostgreSQL's own initial sync does, and it costs the
 * server far less than an upsert per row. When any row is there already (a redelivered batch, a target that
 * is not empty) or anything else fails, the savepoint undoes the COPY and the caller applies the run as
 * upserts, which are idempotent; so the result is the same either way. The values stay PostgreSQL text,
 * read by the columns' input functions as bind parameters are.
 */
final class CopyInsert {

    private static final Logger LOG = LoggerFactory.getLogger(CopyInsert.class);
    /** After a COPY that failed, runs of that shape go straight to upserts this many times. */
    private static final int BACK_OFF_RUNS = 8;
    private static final Map<String, Integer> SKIPS = new ConcurrentHashMap<>();

    private CopyInsert() {
    }

    /** @return true when the rows are written; false when the caller must apply them as upserts */
    static boolean tryCopy(Connection connection, List<SqlStatement> run) throws SQLException {
        SqlStatement.InsertTarget target = run.get(0).insert();
        String shape = run.get(0).sql();
        Integer skips = SKIPS.computeIfPresent(shape, (k, n) -> n <= 1 ? null : n - 1);
        if (skips != null) {
            return false;
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            copyIn(connection, "COPY " + target.table() + " (" + String.join(", ", target.columns()) + ") FROM STDIN", run);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            SKIPS.put(shape, BACK_OFF_RUNS);
            LOG.debug("COPY of {} rows into {} failed ({}: {}); applying them as upserts", run.size(), target.table(),
                    e.getSQLState(), e.getMessage());
            return false;
        }
    }

    /** The server gets the rows in pieces of about this size. */
    private static final int SEND_BYTES = 64 * 1024;

    private static void copyIn(Connection connection, String sql, List<SqlStatement> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            CopyTextBuffer buffer = new CopyTextBuffer(SEND_BYTES + 4096);
            for (SqlStatement row : rows) {
                buffer.appendRow(row.parameters());
                if (buffer.length() >= SEND_BYTES) {
                    copy.writeToCopy(buffer.bytes(), 0, buffer.length());
                    buffer.clear();
                }
            }
            if (buffer.length() > 0) {
                copy.writeToCopy(buffer.bytes(), 0, buffer.length());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
