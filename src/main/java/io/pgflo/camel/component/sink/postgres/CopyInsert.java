package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.component.jetstream.FailureKind;
import io.pgflo.camel.copybinary.BinaryRowEncoder;
import io.pgflo.camel.copybinary.CopyBytes;
import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.sink.postgres.CopyTextParameters;
import io.pgflo.camel.sink.postgres.SqlStatement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
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
 * upserts, which are idempotent; so the result is the same either way.
 *
 * <p>When every column's type has a binary encoder (see {@link BinaryRowEncoder}), the rows go in COPY's binary
 * format, which the target reads with the types' receive functions instead of parsing each value's text. A row
 * holding a value in a form no encoder knows (an infinite timestamp, say) ends the binary COPY, and it and the
 * rest of the run go in a text COPY, in the same savepoint. In text, the values stay PostgreSQL text, read by
 * the columns' input functions as bind parameters are.
 *
 * <p>Rows are streamed as they are added, so the server reads the first ones while later ones are still
 * being planned. A failure shows when the COPY ends, or on a later write.
 */
final class CopyInsert {

    private static final Logger LOG = LoggerFactory.getLogger(CopyInsert.class);
    /** After a COPY that failed, runs of that shape go straight to upserts this many times. */
    private static final int BACK_OFF_RUNS = 8;
    private static final Map<String, Integer> SKIPS = new ConcurrentHashMap<>();
    /** Rows go to the server in pieces of about this many bytes: one write per row cost more than the rows. */
    private static final int WRITE_BYTES = 64 * 1024;

    private final Connection connection;
    private final SqlStatement.InsertTarget target;
    private final String shape;
    private final Savepoint savepoint;
    /** Rows written from their parameters as text, not yet encoded into {@link #out}. */
    private final StringBuilder text = new StringBuilder(4096);
    private final CopyBytes out = new CopyBytes(WRITE_BYTES + 4096);
    /** Null while the rows go as text. */
    private BinaryRowEncoder.Writer binary;
    /** Rows sent in the COPY in progress: a run that turned to text ended a binary COPY first. */
    private long rowsInCopy;
    private CopyIn copy;
    private SQLException failure;
    private boolean staleTypes;

    private CopyInsert(Connection connection, SqlStatement first, Savepoint savepoint) {
        this.connection = connection;
        this.target = first.insert();
        this.shape = first.sql();
        this.savepoint = savepoint;
    }

    /**
     * Starts a COPY for upserts shaped like {@code first}.
     *
     * @param binaryFormat whether the rows may go in binary when every column's type allows it
     * @return null when a recent COPY of this shape failed: the caller applies the run as upserts
     */
    static CopyInsert open(Connection connection, SqlStatement first, boolean binaryFormat) throws SQLException {
        Integer skips = SKIPS.computeIfPresent(first.sql(), (k, n) -> n <= 1 ? null : n - 1);
        if (skips != null) {
            return null;
        }
        CopyInsert insert = new CopyInsert(connection, first, connection.setSavepoint());
        insert.binary = binaryFormat && insert.target.binary() != null ? insert.target.binary().writer(insert.out) : null;
        if (insert.binary != null) {
            try {
                insert.staleTypes = !insert.typesUnchanged();
            } catch (SQLException e) {
                insert.fail(e);
                return insert;
            }
            if (insert.staleTypes) {
                LOG.info("a column of {} has another type on the target than when the sink read it; this run of rows"
                        + " goes as a text COPY, and the table is read again", insert.target.table());
                insert.binary = null;
            }
        }
        insert.start();
        return insert;
    }

    /**
     * Binary COPY has no type check of its own: the column's receive function reads whatever bytes come, so an
     * int8 written for a column that became numeric would be stored as another number, without an error. So the
     * table is locked as COPY locks it, which keeps an ALTER from changing a type until the transaction ends, and
     * the columns' types are compared with those the encoder was made for.
     */
    private boolean typesUnchanged() throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLE " + target.table() + " IN ROW EXCLUSIVE MODE");
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM unnest(?::text[], ?::oid[])"
                + " AS c(name, type) JOIN pg_attribute a ON a.attrelid = ?::regclass AND NOT a.attisdropped"
                + " AND '\"' || replace(a.attname, '\"', '\"\"') || '\"' = c.name AND a.atttypid = c.type")) {
            ps.setArray(1, connection.createArrayOf("text", target.columns().toArray()));
            ps.setArray(2, connection.createArrayOf("int8", target.typeOids().toArray()));
            ps.setString(3, target.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) == target.columns().size();
            }
        }
    }

    /** Whether a column's type on the target was not the one the planner read: the caller reads the table again. */
    boolean staleTypes() {
        return staleTypes;
    }

    private void start() {
        try {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target.table() + " ("
                    + String.join(", ", target.columns()) + ") FROM STDIN" + (binary != null ? " (FORMAT binary)" : ""));
            rowsInCopy = 0;
            if (binary != null) {
                BinaryRowEncoder.writeHeader(out);
            }
        } catch (SQLException e) {
            fail(e);
        }
    }

    /** Adds a row; after a failure, nothing: the caller applies the run as upserts. */
    void add(SqlStatement row) {
        if (failure != null) {
            return;
        }
        if (binary != null && !writeBinary(row)) {
            LOG.debug("a row for {} holds a value its binary encoder does not know; the run goes on as text", target.table());
            endCopy();
            binary = null;
            if (failure == null) {
                start();
            }
            if (failure != null) {
                return;
            }
        }
        if (binary == null) {
            writeText(row);
        }
        rowsInCopy++;
        if (out.size() >= WRITE_BYTES) {
            write();
        }
    }

    private boolean writeBinary(SqlStatement row) {
        return row.parameters() instanceof CopyTextParameters copied
                ? binary.write(copied.row())
                : binary.write(row.parameters());
    }

    private void writeText(SqlStatement row) {
        if (row.parameters() instanceof CopyTextParameters copied) {
            // A copied row is COPY text already, in the statement's column order: its bytes go as they came.
            encodeText();
            CopyTextRow line = copied.row();
            int at = out.claim(line.byteLength() + 1);
            line.copyTo(out.array(), at);
            out.array()[at + line.byteLength()] = '\n';
        } else {
            List<String> values = row.parameters();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendCopyText(text, values.get(i));
            }
            text.append('\n');
            if (text.length() >= 4096) {
                encodeText();
            }
        }
    }

    /**
     * Ends the COPY and releases its savepoint.
     *
     * @return true when the rows are written; false when the COPY was undone and the caller must apply them as
     *         upserts
     */
    boolean finish() {
        endCopy();
        if (failure == null) {
            try {
                connection.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                fail(e);
            }
        }
        return false;
    }

    private void endCopy() {
        if (failure != null) {
            return;
        }
        if (binary != null) {
            BinaryRowEncoder.writeTrailer(out);
        }
        write();
        if (failure != null) {
            return;
        }
        try {
            long copied = copy.endCopy();
            if (copied != rowsInCopy) {
                // The server read the data otherwise than it was meant; the upserts say which rows are right.
                throw new SQLException("COPY into " + target.table() + " stored " + copied + " rows of the " + rowsInCopy
                        + " sent");
            }
        } catch (SQLException e) {
            fail(e);
        }
    }

    /** Stops a COPY that will not be finished (the batch failed for another reason); the caller rolls back. */
    void abandon() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            LOG.debug("cancelling an abandoned COPY into {} failed: {}", target.table(), e.getMessage());
        }
    }

    private void write() {
        encodeText();
        if (out.size() == 0) {
            return;
        }
        try {
            copy.writeToCopy(out.array(), 0, out.size());
        } catch (SQLException e) {
            fail(e);
        }
        out.clear();
    }

    private void encodeText() {
        if (text.length() > 0) {
            byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            out.write(encoded, 0, encoded.length);
        }
    }

    private void fail(SQLException e) {
        failure = e;
        text.setLength(0);
        out.clear();
        try {
            abandon();
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException undo) {
            // The transaction cannot go on; the batch fails on its next statement and is retried whole.
            e.addSuppressed(undo);
            LOG.debug("undoing a failed COPY into {} failed: {}", target.table(), undo.getMessage());
        }
        if (!FailureKind.isTransient(e)) {
            // A lost connection says nothing about the rows; rows already there would fail the next COPY too.
            SKIPS.put(shape, BACK_OFF_RUNS);
        }
        LOG.debug("COPY of rows into {} failed ({}: {}); applying them as upserts", target.table(), e.getSQLState(),
                e.getMessage());
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
