package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullFetcherTest {

    /** Stands for the status that ends a pull: the subscription returns null for it. */
    private static final String END = "<end of pull>";

    /** A subscription's queue, filled by each pull from a script. */
    private static final class ScriptedSource implements PullFetcher.Source<String> {
        final Deque<String> queue = new ArrayDeque<>();
        final Deque<List<String>> answers = new ArrayDeque<>();
        final List<Integer> pulls = new ArrayList<>();

        @Override
        public void pull(int messages, long maxBytes, long expiresMillis) {
            pulls.add(messages);
            if (!answers.isEmpty()) {
                queue.addAll(answers.removeFirst());
            }
        }

        @Override
        public String next(long waitMillis) {
            String message = queue.poll();
            return message == null || message.equals(END) ? null : message;
        }
    }

    private final ScriptedSource source = new ScriptedSource();
    private final PullFetcher<String> fetcher = new PullFetcher<>(source, m -> m.length());

    /** What jnats' per-fetch subscriptions lost: here it is waiting in the one subscription, taken before any pull. */
    @Test
    void aMessageThatArrivedAfterItsFetchEndedOpensTheNextOneWithoutANewPull() throws Exception {
        source.answers.add(List.of("a", END));
        assertThat(fetcher.fetch(10, 1000, 1000)).containsExactly("a");
        // The server sent "b" for an earlier pull just as it expired; it reached the subscription late.
        source.queue.add("b");

        assertThat(fetcher.fetch(10, 1000, 1000)).containsExactly("b");
        assertThat(source.pulls).hasSize(1);
    }

    @Test
    void aFetchStaysWithinItsCountAndBytesAndCarriesTheRestToTheNext() throws Exception {
        source.queue.addAll(List.of("aaaa", "bbbb", "cccc", "d", "e"));

        assertThat(fetcher.fetch(10, 9, 1000)).containsExactly("aaaa", "bbbb");
        assertThat(fetcher.fetch(2, 100, 1000)).containsExactly("cccc", "d");
        assertThat(fetcher.fetch(10, 100, 1000)).containsExactly("e");
        assertThat(source.pulls).isEmpty();
    }

    @Test
    void aLateMessageLargerThanTheByteBoundStillComesAlone() throws Exception {
        // The server keeps a pull within its bound; a message of an earlier pull, taken late, may not be.
        source.queue.addAll(List.of("a-very-large-message", "b"));

        assertThat(fetcher.fetch(10, 5, 1000)).containsExactly("a-very-large-message");
        assertThat(fetcher.fetch(10, 5, 1000)).containsExactly("b");
        assertThat(source.pulls).isEmpty();
    }

    @Test
    void messagesTakenBeforeTheSubscriptionFailedAreKeptForTheNextFetch() throws Exception {
        PullFetcher<String> failing = new PullFetcher<>(new PullFetcher.Source<>() {
            private int calls;

            @Override
            public void pull(int messages, long maxBytes, long expiresMillis) {
            }

            @Override
            public String next(long waitMillis) {
                calls++;
                return switch (calls) {
                    case 1 -> null;
                    case 2 -> "a";
                    case 3 -> throw new IllegalStateException("connection closed");
                    default -> null;
                };
            }
        }, m -> m.length());

        assertThatThrownBy(() -> failing.fetch(10, 1000, 1000)).hasMessage("connection closed");
        assertThat(failing.fetch(10, 1000, 1000)).containsExactly("a");
    }

    @Test
    void aPullEndsWithWhatWasAvailable() throws Exception {
        source.answers.add(List.of("a", "b", END));
        source.answers.add(List.of(END));

        assertThat(fetcher.fetch(10, 1000, 1000)).containsExactly("a", "b");
        assertThat(fetcher.fetch(10, 1000, 1000)).isEmpty();
        assertThat(source.pulls).containsExactly(10, 10);
    }

    @Test
    void drainHandsBackWhatWasCarriedAndWhatWaitsInTheSubscription() throws Exception {
        source.queue.addAll(List.of("aaaa", "bbbb", END, "c"));
        assertThat(fetcher.fetch(10, 6, 1000)).containsExactly("aaaa");

        assertThat(fetcher.drain()).containsExactly("bbbb", "c");
        assertThat(fetcher.fetch(10, 4, 1000)).isEmpty();
    }
}
