package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    private final FailedAttempts<Long> attempts = new FailedAttempts<>(Long::longValue);

    @Test
    void countsFailuresPerMessageAndReportsTheHighestOfABatch() {
        assertThat(attempts.failed(List.of(5L, 6L), false)).isEqualTo(new FailedAttempts.Count(1, 1));
        assertThat(attempts.failed(List.of(6L, 7L), false)).isEqualTo(new FailedAttempts.Count(2, 2));
        assertThat(attempts.of(5L).permanent()).isEqualTo(1);
        assertThat(attempts.of(6L).permanent()).isEqualTo(2);
        assertThat(attempts.of(7L).permanent()).isEqualTo(1);
        assertThat(attempts.of(8L)).isEqualTo(FailedAttempts.Count.NONE);
    }

    @Test
    void transientFailuresLengthenTheBackOffButDoNotCountTowardsTheDeadLetterLimit() {
        for (int i = 0; i < 10; i++) {
            attempts.failed(List.of(5L), true);
        }
        assertThat(attempts.failed(List.of(5L), false)).isEqualTo(new FailedAttempts.Count(11, 1));
    }

    @Test
    void aSettledMessageIsForgotten() {
        attempts.failed(List.of(5L, 6L), false);
        attempts.settled(5L);
        assertThat(attempts.of(5L)).isEqualTo(FailedAttempts.Count.NONE);
        assertThat(attempts.of(6L).all()).isEqualTo(1);
    }

    @Test
    void everythingBeforeTheGateIsForgottenSoCountsStayBounded() {
        attempts.failed(List.of(1L, 2L, 3L, 10L), false);
        attempts.settledBefore(10);
        assertThat(attempts.size()).isEqualTo(1);
        assertThat(attempts.of(10L).all()).isEqualTo(1);
    }
}
