package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyMessagesTest {

    /** A message is its sequence; each is 100 bytes. Full from 200 bytes, at most 350. */
    private final EarlyMessages<Long> early = new EarlyMessages<>(Long::longValue, m -> 100, 200, 350);

    @Test
    void holdsUpToTheBoundAndReturnsTheHighestSequencesBeyondIt() {
        assertThat(early.hold(List.of(9L))).isEmpty();
        assertThat(early.full()).isFalse();
        assertThat(early.hold(List.of(5L, 7L))).isEmpty();
        assertThat(early.full()).isTrue();
        assertThat(early.hold(List.of(6L, 8L))).containsExactly(9L, 8L);
        assertThat(early.full()).isTrue();
        assertThat(early.bytes()).isEqualTo(300);
        assertThat(early.takeAll()).containsExactly(5L, 6L, 7L);
        assertThat(early.isEmpty()).isTrue();
        assertThat(early.full()).as("until the next look at the order").isTrue();
        assertThat(early.hold(List.of())).isEmpty();
        assertThat(early.full()).isFalse();
        assertThat(early.bytes()).isZero();
    }

    @Test
    void aMessageLargerThanTheBoundIsStillHeld() {
        EarlyMessages<Long> small = new EarlyMessages<>(Long::longValue, m -> 1000, 200, 350);
        assertThat(small.hold(List.of(4L, 3L))).containsExactly(4L);
        assertThat(small.takeAll()).containsExactly(3L);
    }

    @Test
    void theHardBoundCannotBeBelowTheSoftOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EarlyMessages<Long>(Long::longValue, m -> 1, 10, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRedeliveredCopyReplacesTheHeldOneWithoutCountingTwice() {
        early.hold(List.of(5L));
        early.hold(List.of(5L));
        assertThat(early.size()).isEqualTo(1);
        assertThat(early.bytes()).isEqualTo(100);
    }

    @Test
    void keepAliveVisitsEveryHeldMessage() {
        early.hold(List.of(2L, 1L));
        List<Long> visited = new ArrayList<>();
        early.forEach(visited::add);
        assertThat(visited).containsExactly(1L, 2L);
    }
}
