package io.pgflo.camel.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a table into page ranges. There are at least as many ranges as workers, so all of them have work,
 * and no range is larger than {@code maxPagesPerRange}, so a restart after a crash re-reads little.
 */
public final class RangePlanner {

    private RangePlanner() {
    }

    /**
     * @param pages the table's size in pages, from its actual size on disk (a table never vacuumed or
     *              analyzed has {@code relpages} 0 whatever it holds)
     */
    public static List<PageRange> split(long pages, int workers, long maxPagesPerRange) {
        if (workers < 1 || maxPagesPerRange < 1) {
            throw new IllegalArgumentException("workers and pages per range must be positive");
        }
        if (pages <= 0) {
            return List.of(new PageRange(0, -1));
        }
        long count = Math.max(Math.min(workers, pages), (pages + maxPagesPerRange - 1) / maxPagesPerRange);
        List<PageRange> ranges = new ArrayList<>();
        long start = 0;
        for (long i = 0; i < count; i++) {
            long end = pages * (i + 1) / count;
            ranges.add(new PageRange(start, i == count - 1 ? -1 : end));
            start = end;
        }
        return ranges;
    }
}
