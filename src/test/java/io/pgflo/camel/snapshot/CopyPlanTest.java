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
    void readsAndWritesTheStoredFormat() {
        // As stored by earlier versions: a restart after an upgrade must find the same ranges.
        String stored = "{\"version\":1,\"stream_start\":\"16/3002D50\",\"tables\":[{\"schema\":\"app\","
                + "\"table\":\"Mixed Case\",\"ranges\":[[0,10],[10,-1]]},{\"schema\":\"public\",\"table\":\"empty\","
                + "\"ranges\":[[0,-1]]}]}";
        assertThat(CopyPlan.fromJson(stored.getBytes(StandardCharsets.UTF_8))).isEqualTo(plan);
        assertThat(new String(plan.toJson(), StandardCharsets.UTF_8)).isEqualTo(stored);
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
        String stored = "{\"tables\":[{\"ranges\":[[0,-1]],\"note\":{\"a\":[1]},\"table\":\"empty\","
                + "\"schema\":\"public\"}],\"stream_start\":\"0/10\",\"version\":1}";
        assertThat(CopyPlan.fromJson(stored.getBytes(StandardCharsets.UTF_8))).isEqualTo(new CopyPlan(Lsn.parse("0/10"),
                List.of(new CopyPlan.Table(new TableName("public", "empty"), List.of(new PageRange(0, -1))))));
    }

    @Test
    void anIncompletePlanIsRefused() {
        for (String stored : List.of("{\"version\":1,\"tables\":[]}",
                "{\"version\":1,\"stream_start\":\"0/10\",\"tables\":[{\"schema\":\"s\",\"ranges\":[]}]}",
                "{\"version\":1,\"stream_start\":\"0/10\",\"tables\":[{\"schema\":\"s\",\"table\":\"t\",\"ranges\":[[0]]}]}",
                "[1]", "")) {
            assertThatThrownBy(() -> CopyPlan.fromJson(stored.getBytes(StandardCharsets.UTF_8)))
                    .as(stored).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stored copy plan cannot be read");
        }
    }

    @Test
    void aBrokenPlanSaysSo() {
        assertThatThrownBy(() -> CopyPlan.fromJson("{\"version\":9}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("stored copy plan cannot be read");
    }
}
