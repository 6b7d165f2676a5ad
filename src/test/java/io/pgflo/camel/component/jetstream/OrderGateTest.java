package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderGateTest {

    private static OrderGate<Long> gate(long next, Set<Long> stillInStream) {
        return new OrderGate<>(next, Long::longValue, (from, to) -> {
            for (long s = from; s < to; s++) {
                if (stillInStream.contains(s)) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void contiguousMessagesAreReadyInSequenceOrder() {
        OrderGate.Split<Long> split = gate(5, Set.of()).split(List.of(7L, 5L, 6L));
        assertThat(split.ready()).containsExactly(5L, 6L, 7L);
        assertThat(split.early()).isEmpty();
        assertThat(split.alreadyProcessed()).isEmpty();
    }

    @Test
    void messagesBehindAGapThatWillBeRedeliveredWait() {
        // A crashed worker's batch (5 and 6) is still pending redelivery; 7 and 8 must not overtake it.
        OrderGate.Split<Long> split = gate(5, Set.of(5L, 6L)).split(List.of(7L, 8L));
        assertThat(split.ready()).isEmpty();
        assertThat(split.early()).containsExactly(7L, 8L);
    }

    @Test
    void aGapNoMessageWillFillIsSkipped() {
        OrderGate.Split<Long> split = gate(5, Set.of()).split(List.of(9L, 10L));
        assertThat(split.ready()).containsExactly(9L, 10L);
    }

    @Test
    void aGapInsideTheBatchStopsItThere() {
        OrderGate.Split<Long> split = gate(5, Set.of(7L)).split(List.of(5L, 6L, 8L, 9L));
        assertThat(split.ready()).containsExactly(5L, 6L);
        assertThat(split.early()).containsExactly(8L, 9L);
    }

    @Test
    void redeliveredCopiesOfProcessedMessagesAreToldApart() {
        OrderGate<Long> gate = gate(5, Set.of());
        gate.processed(6);
        OrderGate.Split<Long> split = gate.split(List.of(6L, 7L));
        assertThat(split.alreadyProcessed()).containsExactly(6L);
        assertThat(split.ready()).containsExactly(7L);
        assertThat(gate.next()).isEqualTo(7);
    }

    @Test
    void aMessageSettledAheadIsNeitherWaitedForNorProcessedAgain() {
        // 5 to 9 were one batch: 7 was dead-lettered (and acked), then the rest failed and went back. With
        // limits retention the stream still holds 7, but it will not be delivered again.
        OrderGate<Long> gate = gate(5, Set.of(5L, 6L, 7L, 8L, 9L));
        gate.settledAhead(7);
        OrderGate.Split<Long> redelivered = gate.split(List.of(5L, 6L, 8L, 9L));
        assertThat(redelivered.ready()).containsExactly(5L, 6L, 8L, 9L);
        gate.processed(9);
        assertThat(gate.next()).isEqualTo(10);
    }

    @Test
    void aMessageSettledAheadDoesNotHideARealGapAroundIt() {
        OrderGate<Long> gate = gate(5, Set.of(5L, 6L, 7L));
        gate.settledAhead(6);
        OrderGate.Split<Long> split = gate.split(List.of(7L, 8L));
        assertThat(split.early()).containsExactly(7L, 8L);
        OrderGate.Split<Long> copy = gate.split(List.of(5L, 6L, 7L));
        assertThat(copy.ready()).containsExactly(5L, 7L);
        assertThat(copy.alreadyProcessed()).containsExactly(6L);
    }

    @Test
    void processingUpToAMessageSettledAheadMovesPastIt() {
        OrderGate<Long> gate = gate(5, Set.of());
        gate.settledAhead(6);
        gate.settledAhead(7);
        gate.processed(5);
        assertThat(gate.next()).isEqualTo(8);
    }
}
