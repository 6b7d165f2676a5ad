package io.pgflo.camel.snapshot;

import io.pgflo.camel.event.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Rows copied per table, against the planner's estimate, with rate and ETA for the log. Thread-safe: the
 * copy workers count, a timer reports.
 */
public final class CopyProgress {

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final Map<TableName, TableProgress> tables = new LinkedHashMap<>();

    public CopyProgress(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Registers a table before the copy starts. */
    public synchronized void table(TableName name, long estimatedRows, int ranges, int rangesAlreadyDone, long rowsAlreadyDone) {
        tables.put(name, new TableProgress(estimatedRows, ranges, rangesAlreadyDone, rowsAlreadyDone));
    }

    public void rowsCopied(TableName table, long rows) {
        get(table).rows.addAndGet(rows);
    }

    public void rangeDone(TableName table) {
        get(table).rangesDone.incrementAndGet();
    }

    /** One line per table still being copied, for the periodic log. */
    public synchronized List<String> report() {
        double seconds = elapsedSeconds();
        List<String> lines = new ArrayList<>();
        tables.forEach((name, progress) -> {
            if (progress.rangesDone.get() < progress.ranges) {
                lines.add(progress.line(name, seconds));
            }
        });
        return lines;
    }

    /** The final line per table. */
    public synchronized List<String> summary() {
        double seconds = elapsedSeconds();
        List<String> lines = new ArrayList<>();
        tables.forEach((name, progress) -> {
            long copied = progress.rows.get();
            lines.add(String.format(Locale.ROOT, "copied %s: %,d rows in %d ranges (%d done before this start, %,d rows)"
                            + " in %.1f s, %,.0f rows/s", name, copied + progress.rowsBefore, progress.ranges,
                    progress.rangesBefore, progress.rowsBefore, seconds, seconds > 0 ? copied / seconds : 0.0));
        });
        return lines;
    }

    public synchronized long totalRows() {
        return tables.values().stream().mapToLong(p -> p.rows.get()).sum();
    }

    private double elapsedSeconds() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos).toMillis() / 1000.0;
    }

    private synchronized TableProgress get(TableName table) {
        TableProgress progress = tables.get(table);
        if (progress == null) {
            throw new IllegalArgumentException("table " + table + " is not part of this copy");
        }
        return progress;
    }

    private static final class TableProgress {
        final long estimate;
        final int ranges;
        final int rangesBefore;
        final long rowsBefore;
        final AtomicLong rows = new AtomicLong();
        final AtomicLong rangesDone;

        TableProgress(long estimate, int ranges, int rangesBefore, long rowsBefore) {
            this.estimate = estimate;
            this.ranges = ranges;
            this.rangesBefore = rangesBefore;
            this.rowsBefore = rowsBefore;
            this.rangesDone = new AtomicLong(rangesBefore);
        }

        String line(TableName name, double seconds) {
            long copied = rows.get();
            long done = copied + rowsBefore;
            double rate = seconds > 0 ? copied / seconds : 0;
            // The estimate is the planner's and may be stale or missing; ranges done is a floor.
            double fraction = estimate > 0 ? Math.min(1.0, (double) done / estimate) : 0;
            fraction = Math.max(fraction, (double) rangesDone.get() / ranges);
            String eta = rate > 0 && estimate > done
                    ? String.format(Locale.ROOT, "%.0f s", (estimate - done) / rate) : "unknown";
            String of = estimate > 0 ? String.format(Locale.ROOT, " of ~%,d", estimate) : " (no estimate: never analyzed)";
            return String.format(Locale.ROOT, "copying %s: %,d%s rows (%.0f%%), ranges %d/%d, %,.0f rows/s, ETA %s",
                    name, done, of, 100 * fraction, rangesDone.get(), ranges, rate, eta);
        }
    }
}
