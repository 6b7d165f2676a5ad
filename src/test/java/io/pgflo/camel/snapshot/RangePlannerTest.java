package io.pgflo.camel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangePlannerTest {

    @Test
    void anEmptyOrNeverMeasuredTableIsOneOpenRange() {
        assertThat(RangePlanner.split(0, 4, 100)).containsExactly(new PageRange(0, -1));
    }

    @Test
    void everyWorkerGetsARangeAndTheLastStaysOpen() {
        List<PageRange> ranges = RangePlanner.split(10, 4, 100);
        assertThat(ranges).hasSize(4);
        assertThat(ranges.get(0).firstPage()).isZero();
        assertThat(ranges.get(3).open()).isTrue();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).firstPage()).isEqualTo(ranges.get(i - 1).endPage());
        }
    }

    @Test
    void noRangeIsLargerThanTheLimit() {
        List<PageRange> ranges = RangePlanner.split(1000, 2, 64);
        assertThat(ranges).hasSize(16);
        for (PageRange range : ranges.subList(0, ranges.size() - 1)) {
            assertThat(range.endPage() - range.firstPage()).isLessThanOrEqualTo(64);
        }
        assertThat(ranges.get(ranges.size() - 1).firstPage()).isLessThan(1000);
    }

    @Test
    void aTinyTableHasNoMoreRangesThanPages() {
        assertThat(RangePlanner.split(2, 8, 100)).containsExactly(new PageRange(0, 1), new PageRange(1, -1));
    }

    @Test
    void ctidConditionsCoverThePages() {
        assertThat(new PageRange(5, 9).ctidCondition()).isEqualTo("ctid >= '(5,0)'::tid AND ctid < '(9,0)'::tid");
        assertThat(new PageRange(9, -1).ctidCondition()).isEqualTo("ctid >= '(9,0)'::tid");
    }
}
