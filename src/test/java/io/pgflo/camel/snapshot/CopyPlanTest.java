package io.pgflo.camel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyPlanTest {

    private final CopyPlan plan = new CopyPlan(Lsn.parse("16/3002D50"), List.of(
            new CopyPlan.Table(new TableName("app", "Mixed Case"), List.of(new PageRange(0, 10), new PageRange(10, -1))),
            new CopyPlan.Table(new TableName("public", "empty"), List.of(new PageRange(0, -1)))));

    @Test
    void survivesTheStateStore() {
        assertThat(CopyPlan.fromJson(plan.toJson())).isEqualTo(plan);
    }

    @Test
    void namesEveryRange() {
        assertThat(plan.rangeKeys()).containsExactly(new RangeKey(0, 0), new RangeKey(0, 1), new RangeKey(1, 0));
        assertThat(RangeKey.parse(new RangeKey(12, 7).id())).isEqualTo(new RangeKey(12, 7));
    }

    @Test
    void aBrokenPlanSaysSo() {
        assertThatThrownBy(() -> CopyPlan.fromJson("{\"version\":9}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("stored copy plan cannot be read");
    }
}
