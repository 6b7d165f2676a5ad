package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.sink.postgres.SqlStatement;
import java.nio.charset.StandardCharsets;
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

    /** Rows go to the server in pieces of about this many characters: one write per row cost more than the rows. */
    private static final int WRITE_CHARS = 64 * 1024;

    private static void copyIn(Connection connection, String sql, List<SqlStatement> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(WRITE_CHARS + 4096);
            for (SqlStatement row : rows) {
                List<String> values = row.parameters();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    appendCopyText(text, values.get(i));
                }
                text.append('\n');
                if (text.length() >= WRITE_CHARS) {
                    write(copy, text);
                }
            }
            write(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }

    /** COPY's text format: \N for NULL; backslash, tab, newline and carriage return escaped. */
    static void appendCopyText(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        // Most values have nothing to escape: copy the runs between escapes whole, not char by char.
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                out.append(value, run, i).append(escaped);
                run = i + 1;
            }
        }
        out.append(value, run, value.length());
    }
}
