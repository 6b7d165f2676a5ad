package io.pgflo.camel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestServers;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeReaderIT {

    private static final CopyTable TABLE = new CopyTable(new TableName("public", "rows"),
            List.of(new ColumnInfo("id", 23, "int4", -1, true), new ColumnInfo("body", 25, "text", -1, false)),
            ReplicaIdentity.DEFAULT, 1, -1);
    private static final TransactionInfo SNAPSHOT = TransactionInfo.snapshot(Lsn.parse("0/16B3748"), Instant.EPOCH);

    /**
     * In heap order: 100 rows of 100 bytes of COPY text each ("NNN", a tab, 95 x's, a newline), one row of 5,000
     * bytes, and 100 rows of 100 bytes again.
     */
    private static List<List<ChangeEvent>> read(TestDatabase db, int chunkRows, long chunkBytes) throws Exception {
        db.execute("CREATE TABLE rows (id int PRIMARY KEY, body text)",
                "INSERT INTO rows SELECT g, repeat('x', 95) FROM generate_series(100, 199) g",
                "INSERT INTO rows VALUES (50, repeat('x', 4996))",
                "INSERT INTO rows SELECT g, repeat('x', 95) FROM generate_series(200, 299) g");
        List<List<ChangeEvent>> chunks = new ArrayList<>();
        try (Connection connection = db.connect()) {
            long rows = new RangeReader(chunkRows, chunkBytes, SNAPSHOT).read(connection, TABLE, new PageRange(0, -1),
                    chunk -> chunks.add(List.copyOf(chunk)));
            assertThat(rows).isEqualTo(201);
        }
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(201);
        return chunks;
    }

    private static long bytes(List<ChangeEvent> chunk) {
        return chunk.stream().mapToLong(e -> ((CopyTextRow) ((RowChange) e).newValues()).byteLength() + 1).sum();
    }

    @Test
    void aChunkClosesBeforeTheRowThatWouldPassTheByteBound() throws Exception {
        try (TestDatabase db = TestServers.postgres().createDatabase("range_reader_bytes")) {
            List<List<ChangeEvent>> chunks = read(db, 1000, 1050);
            for (List<ChangeEvent> chunk : chunks) {
                if (chunk.size() > 1) {
                    assertThat(bytes(chunk)).isLessThanOrEqualTo(1050);
                }
            }
            // Ten rows of 100 bytes fill a chunk; the large row goes alone, and the rows after it start a new one.
            assertThat(chunks).hasSize(21);
            assertThat(chunks.get(10)).hasSize(1);
            assertThat(bytes(chunks.get(10))).isEqualTo(5000);
            assertThat(chunks.subList(0, 10)).allSatisfy(chunk -> assertThat(chunk).hasSize(10));
            assertThat(chunks.subList(11, 21)).allSatisfy(chunk -> assertThat(chunk).hasSize(10));
        }
    }

    @Test
    void aChunkHoldsAtMostTheRowBound() throws Exception {
        try (TestDatabase db = TestServers.postgres().createDatabase("range_reader_rows")) {
            List<List<ChangeEvent>> chunks = read(db, 7, 1 << 20);
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).hasSizeLessThanOrEqualTo(7));
            assertThat(chunks).hasSize(29); // 201 rows, 7 at a time
        }
    }
}
