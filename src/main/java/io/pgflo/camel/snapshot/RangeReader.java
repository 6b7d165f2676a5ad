package io.pgflo.camel.snapshot;

import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads one page range of a table with {@code COPY ... TO STDOUT} on a connection that is already at the
 * copy's snapshot, and hands its rows on as INSERT events in bounded chunks.
 */
final class RangeReader {

    /** Where the chunks go; it may block to hold the reader back. */
    interface ChunkConsumer {
        void accept(List<ChangeEvent> rows) throws InterruptedException;
    }

    private final int chunkRows;
    private final long chunkBytes;
    private final TransactionInfo snapshot;

    RangeReader(int chunkRows, long chunkBytes, TransactionInfo snapshot) {
        this.chunkRows = chunkRows;
        this.chunkBytes = chunkBytes;
        this.snapshot = snapshot;
    }

    /** @return how many rows the range held */
    long read(Connection connection, CopyTable table, PageRange range, ChunkConsumer out)
            throws SQLException, InterruptedException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql(table, range));
        long rows = 0;
        try {
            List<ChangeEvent> chunk = new ArrayList<>(Math.min(chunkRows, 1024));
            long bytes = 0;
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                CopyTextRow values;
                try {
                    values = CopyTextRow.ofLine(line, table.columns().size());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("copying " + table.name() + " " + range + ": " + e.getMessage(), e);
                }
                if (!chunk.isEmpty() && bytes + line.length > chunkBytes) {
                    // Closed before the row that would pass the bound, so a chunk fits in one message whole.
                    out.accept(chunk);
                    chunk = new ArrayList<>(Math.min(chunkRows, 1024));
                    bytes = 0;
                }
                chunk.add(new RowChange(Operation.INSERT, table.name(), table.columns(), table.identity(), values, null,
                        false, snapshot.commitLsn(), snapshot));
                bytes += line.length;
                rows++;
                if (chunk.size() >= chunkRows || bytes >= chunkBytes) {
                    out.accept(chunk);
                    chunk = new ArrayList<>(Math.min(chunkRows, 1024));
                    bytes = 0;
                }
            }
            if (!chunk.isEmpty()) {
                out.accept(chunk);
            }
            return rows;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    static String sql(CopyTable table, PageRange range) {
        StringJoiner columns = new StringJoiner(", ");
        for (ColumnInfo column : table.columns()) {
            columns.add(SqlIdentifiers.quote(column.name()));
        }
        return "COPY (SELECT " + columns + " FROM " + SqlIdentifiers.quote(table.name())
                + " WHERE " + range.ctidCondition() + ") TO STDOUT";
    }
}
