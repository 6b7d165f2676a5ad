package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.sink.postgres.SqlStatement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Applies a run of upserts of one shape as: COPY the rows into a temporary table shaped like the target's
 * columns, then one {@code INSERT ... SELECT ... ON CONFLICT}. The values stay PostgreSQL text, read by the
 * target columns' own input functions, exactly as with bind parameters. The staging table lives until the
 * transaction ends.
 */
final class BulkLoader {

    private static final String STAGE = "pgflo_stage";

    private BulkLoader() {
    }

    static void upsert(Connection connection, List<SqlStatement> group) throws SQLException {
        SqlStatement.BulkUpsert bulk = group.get(0).bulk();
        String columns = String.join(", ", bulk.columns());
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp." + STAGE);
            st.execute("CREATE TEMP TABLE " + STAGE + " ON COMMIT DROP AS SELECT " + columns + " FROM " + bulk.table()
                    + " WITH NO DATA");
        }
        copyIn(connection, "COPY pg_temp." + STAGE + " (" + columns + ") FROM STDIN", group);
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("INSERT INTO " + bulk.table() + " (" + columns + ") SELECT " + columns + " FROM pg_temp."
                    + STAGE + bulk.conflictClause());
            st.execute("DROP TABLE pg_temp." + STAGE);
        }
    }

    private static void copyIn(Connection connection, String sql, List<SqlStatement> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder line = new StringBuilder(256);
            for (SqlStatement row : rows) {
                line.setLength(0);
                List<String> values = row.parameters();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        line.append('\t');
                    }
                    appendCopyText(line, values.get(i));
                }
                line.append('\n');
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** COPY's text format: \N for NULL; backslash, tab, newline and carriage return escaped. */
    static void appendCopyText(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

}
