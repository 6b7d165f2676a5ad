package io.pgflo.camel.component.jetstream;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * How often the route failed on each message, by stream sequence. JetStream's own delivery count is no
 * measure of that: it also counts redeliveries after a worker crash, and of messages held ahead of a gap that
 * had to be handed back, so a message could reach the dead-letter limit and the longest back-off without
 * ever having failed. Counts live in this worker only; a restarted worker starts again from none, which errs
 * towards retrying. Transient failures (a target down) lengthen the back-off but do not count towards the
 * dead-letter limit. Not thread-safe: one poller uses it.
 */
final class FailedAttempts<M> {

    /**
     * @param all       failures of any kind: they set the back-off
     * @param permanent failures that were not transient: they count towards the dead-letter limit
     */
    record Count(int all, int permanent) {
        static final Count NONE = new Count(0, 0);

        Count plus(Count other) {
            return new Count(all + other.all, permanent + other.permanent);
        }

        static Count max(Count a, Count b) {
            return new Count(Math.max(a.all, b.all), Math.max(a.permanent, b.permanent));
        }
    }

    private final NavigableMap<Long, Count> bySequence = new TreeMap<>();
    private final ToLongFunction<M> sequenceOf;

    FailedAttempts(ToLongFunction<M> sequenceOf) {
        this.sequenceOf = sequenceOf;
    }

    /** Counts one more failure for each message; returns the highest counts among them. */
    Count failed(List<M> messages, boolean transientFailure) {
        Count one = new Count(1, transientFailure ? 0 : 1);
        Count max = Count.NONE;
        for (M message : messages) {
            max = Count.max(max, bySequence.merge(sequenceOf.applyAsLong(message), one, Count::plus));
        }
        return max;
    }

    Count of(M message) {
        return bySequence.getOrDefault(sequenceOf.applyAsLong(message), Count.NONE);
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
