package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    private final FailedAttempts<Long> attempts = new FailedAttempts<>(Long::longValue);

    @Test
    void countsFailuresPerMessageAndReportsTheHighestOfABatch() {
        assertThat(attempts.failed(List.of(5L, 6L))).isEqualTo(1);
        assertThat(attempts.failed(List.of(6L, 7L))).isEqualTo(2);
        assertThat(attempts.of(5L)).isEqualTo(1);
        assertThat(attempts.of(6L)).isEqualTo(2);
        assertThat(attempts.of(7L)).isEqualTo(1);
        assertThat(attempts.of(8L)).isZero();
    }

    @Test
    void aSettledMessageIsForgotten() {
        attempts.failed(List.of(5L, 6L));
        attempts.settled(5L);
        assertThat(attempts.of(5L)).isZero();
        assertThat(attempts.of(6L)).isEqualTo(1);
    }

    @Test
    void everythingBeforeTheGateIsForgottenSoCountsStayBounded() {
        attempts.failed(List.of(1L, 2L, 3L, 10L));
        attempts.settledBefore(10);
        assertThat(attempts.size()).isEqualTo(1);
        assertThat(attempts.of(10L)).isEqualTo(1);
    }
}
