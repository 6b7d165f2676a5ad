package io.pgflo.camel.component.jetstream;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * How often the route failed on each message, by stream sequence. JetStream's own delivery count is no
 * measure of that: the order gate hands early messages back every few hundred milliseconds while a gap is
 * redelivered, and each hand-back counts as a delivery, so after a worker crash a message could reach the
 * dead-letter limit and the longest back-off without ever having failed. Counts live in this worker only;
 * a restarted worker starts again from none, which errs towards retrying. Not thread-safe: one poller uses it.
 */
final class FailedAttempts<M> {

    private final NavigableMap<Long, Integer> bySequence = new TreeMap<>();
    private final ToLongFunction<M> sequenceOf;

    FailedAttempts(ToLongFunction<M> sequenceOf) {
        this.sequenceOf = sequenceOf;
    }

    /** Counts one more failure for each message; returns the highest count among them. */
    int failed(List<M> messages) {
        int max = 0;
        for (M message : messages) {
            max = Math.max(max, bySequence.merge(sequenceOf.applyAsLong(message), 1, Integer::sum));
        }
        return max;
    }

    int of(M message) {
        return bySequence.getOrDefault(sequenceOf.applyAsLong(message), 0);
    }

    /** The message was acked or dead-lettered. */
    void settled(M message) {
        bySequence.remove(sequenceOf.applyAsLong(message));
    }

    /** Everything before {@code sequence} is settled, also messages this worker never saw again. */
    void settledBefore(long sequence) {
        bySequence.headMap(sequence).clear();
    }

    int size() {
        return bySequence.size();
    }
}
