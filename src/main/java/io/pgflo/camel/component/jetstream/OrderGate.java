package io.pgflo.camel.component.jetstream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Keeps a worker's batches in stream order. JetStream redelivers an unacknowledged message (a crashed
 * worker's batch, or a failed batch waiting out its back-off) only after a delay, and meanwhile hands out
 * later messages: processed first, those would overtake it. The gate passes only the run of messages that
 * continues from the last one processed; later ones wait ({@link EarlyMessages}) until the gap is filled.
 * A gap that no message will ever fill (a message deleted by a stream limit, or one of another subject) is
 * skipped, and so is a message settled out of order (a poison message dead-lettered while the messages
 * around it were handed back), which the stream may still hold but will not deliver again.
 * Not thread-safe: one poller uses it.
 */
final class OrderGate<M> {

    /** A fetched batch, sorted into what to do with each message. */
    record Split<M>(List<M> alreadyProcessed, List<M> ready, List<M> early) { }

    private final ToLongFunction<M> sequenceOf;
    private final GapCheck gapCheck;
    private final NavigableSet<Long> settledAhead = new TreeSet<>();
    private long next;

    /** Whether the stream still holds a message of our subject in a range of sequences, to be delivered again. */
    @FunctionalInterface
    interface GapCheck {
        boolean holdsMessageBetween(long from, long toExclusive);
    }

    /** @param firstUnprocessed the stream sequence after the consumer's ack floor */
    OrderGate(long firstUnprocessed, ToLongFunction<M> sequenceOf, GapCheck gapCheck) {
        this.next = firstUnprocessed;
        this.sequenceOf = sequenceOf;
        this.gapCheck = gapCheck;
    }

    Split<M> split(List<M> fetched) {
        List<M> sorted = new ArrayList<>(fetched);
        sorted.sort(Comparator.comparingLong(sequenceOf));
        List<M> old = new ArrayList<>();
        List<M> ready = new ArrayList<>();
        List<M> early = new ArrayList<>();
        long expected = next;
        for (M message : sorted) {
            long sequence = sequenceOf.applyAsLong(message);
            if (!early.isEmpty()) {
                early.add(message);
            } else if (sequence < expected || settledAhead.contains(sequence)) {
                old.add(message);
            } else if (sequence == expected || !holdsUnsettledBetween(expected, sequence)) {
                ready.add(message);
                expected = skipSettled(sequence + 1);
            } else {
                early.add(message);
            }
        }
        return new Split<>(old, ready, early);
    }

    /** The batch ending at {@code lastSequence} was processed and acknowledged, up to that message. */
    void processed(long lastSequence) {
        next = skipSettled(Math.max(next, lastSequence + 1));
        settledAhead.headSet(next).clear();
    }

    /** A message after the processed ones was settled, while some before it were handed back. */
    void settledAhead(long sequence) {
        if (sequence >= next) {
            settledAhead.add(sequence);
        }
    }

    long next() {
        return next;
    }

    private long skipSettled(long sequence) {
        long s = sequence;
        while (settledAhead.contains(s)) {
            s++;
        }
        return s;
    }

    /** The gap check, over the parts of the range that hold no message settled ahead. */
    private boolean holdsUnsettledBetween(long from, long toExclusive) {
        long start = from;
        for (long settled : settledAhead.subSet(from, true, toExclusive, false)) {
            if (settled > start && gapCheck.holdsMessageBetween(start, settled)) {
                return true;
            }
            start = settled + 1;
        }
        return start < toExclusive && gapCheck.holdsMessageBetween(start, toExclusive);
    }
}
