package io.pgflo.camel.component.pgwal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** pg_flo's slots pinned WAL while their tables were quiet; ours must follow the server's WAL end. */
@Timeout(300)
class IdleSlotIT extends PgWalTestSupport {

    private static final long MB = 1024 * 1024;

    @Test
    void quietSlotDoesNotPinWalWrittenToUntrackedTables() throws Exception {
        db.execute("CREATE TABLE tracked(id int PRIMARY KEY)", "CREATE TABLE noise(id int, pad text)");
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=tracked&statusInterval=500"), collector);
        db.execute("INSERT INTO tracked VALUES (1)");
        collector.await(1, Duration.ofSeconds(30));

        long start = db.queryLong("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
        for (int i = 0; i < 8; i++) {
            db.execute("INSERT INTO noise SELECT g, repeat('x', 200) FROM generate_series(1, 100000) g");
        }
        long written = db.queryLong("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn") - start;
        assertThat(written).as("WAL written to the untracked table").isGreaterThan(200 * MB);

        long retained = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            retained = db.queryLong("SELECT pg_current_wal_lsn() - confirmed_flush_lsn FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'");
            if (retained < 16 * MB) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(retained).as("bytes of WAL the quiet slot retains").isLessThan(16 * MB);
        collector.assertNoMore(Duration.ofMillis(200));
    }
}
