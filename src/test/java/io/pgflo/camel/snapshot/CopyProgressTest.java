package io.pgflo.camel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.TableName;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CopyProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TableName big = new TableName("public", "big");
    private final TableName fresh = new TableName("app", "fresh");

    @Test
    void reportsRowsRateAndEta() {
        CopyProgress progress = new CopyProgress(nanos::get);
        progress.table(big, 1000, 4, 0, 0);
        progress.rowsCopied(big, 250);
        nanos.set(1_000_000_000L);
        assertThat(progress.report()).containsExactly(
                "copying public.big: 250 of ~1,000 rows (25%), ranges 0/4, 250 rows/s, ETA 3 s");
    }

    @Test
    void aTableNeverAnalyzedHasNoEstimateButStillAProgressFloor() {
        CopyProgress progress = new CopyProgress(nanos::get);
        progress.table(fresh, -1, 2, 1, 40);
        progress.rowsCopied(fresh, 10);
        nanos.set(2_000_000_000L);
        assertThat(progress.report()).containsExactly(
                "copying app.fresh: 50 (no estimate: never analyzed) rows (50%), ranges 1/2, 5 rows/s, ETA unknown");
    }

    @Test
    void finishedTablesLeaveTheReportAndEnterTheSummary() {
        CopyProgress progress = new CopyProgress(nanos::get);
        progress.table(big, 100, 1, 0, 0);
        progress.rowsCopied(big, 100);
        progress.rangeDone(big);
        nanos.set(500_000_000L);
        assertThat(progress.report()).isEmpty();
        assertThat(progress.summary()).containsExactly(
                "copied public.big: 100 rows in 1 ranges (0 done before this start, 0 rows) in 0.5 s, 200 rows/s");
    }
}
