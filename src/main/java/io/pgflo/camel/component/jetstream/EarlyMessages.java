package io.pgflo.camel.component.jetstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Messages that arrived ahead of a gap in the stream order, held by the worker until the gap is redelivered.
 * Handing them back instead, for a quick redelivery, livelocks: the server then redelivers every pending
 * message in whatever order their delays expire, the gate can take only the one next in sequence, and the
 * rest go round again, so the worker spends its time fetching and handing back while hardly moving on.
 *
 * <p>Handing back only what does not fit would not do either: each message handed back is a new gap when its
 * turn comes, filled only after its delay, while new messages pile up behind it. So everything that arrives
 * early is held. Past a soft bound in bytes the holder is full, and the caller fetches one message at a time,
 * slowly: enough to take the gap when it is redelivered (the server redelivers before it delivers anything
 * new), while the held bytes grow only slowly. Past a hard bound, for a gap that lasts (a target that stays
 * down), the highest sequences are returned to the caller to be handed back.
 *
 * <p>The poller adds and takes; the heartbeat thread keeps the held messages alive, so the server does not
 * redeliver them meanwhile; the fetching thread asks whether it is full.
 */
final class EarlyMessages<M> {

    private final ConcurrentSkipListMap<Long, M> bySequence = new ConcurrentSkipListMap<>();
    private final ToLongFunction<M> sequenceOf;
    private final ToLongFunction<M> sizeOf;
    private final long fullBytes;
    private final long maxBytes;
    // Kept alongside the map: its size() walks every entry.
    private int count;
    private long bytes;
    private volatile boolean full;

    /**
     * @param fullBytes held bytes from which on the caller fetches sparingly
     * @param maxBytes  held bytes beyond which the highest sequences are returned
     */
    EarlyMessages(ToLongFunction<M> sequenceOf, ToLongFunction<M> sizeOf, long fullBytes, long maxBytes) {
        if (maxBytes < fullBytes) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is below fullBytes " + fullBytes);
        }
        this.sequenceOf = sequenceOf;
        this.sizeOf = sizeOf;
        this.fullBytes = fullBytes;
        this.maxBytes = maxBytes;
    }

    /**
     * Holds the messages, lowest sequences first, as far as the hard bound allows; always at least one.
     * Called after each look at the order, also with none, to tell whether it is full.
     *
     * @return the messages that did not fit, highest sequences, for the caller to hand back
     */
    List<M> hold(List<M> messages) {
        for (M message : messages) {
            M previous = bySequence.put(sequenceOf.applyAsLong(message), message);
            if (previous != null) {
                bytes -= sizeOf.applyAsLong(previous);
            } else {
                count++;
            }
            bytes += sizeOf.applyAsLong(message);
        }
        List<M> overflow = new ArrayList<>();
        while (bytes > maxBytes && count > 1) {
            Map.Entry<Long, M> last = bySequence.pollLastEntry();
            count--;
            bytes -= sizeOf.applyAsLong(last.getValue());
            overflow.add(last.getValue());
        }
        full = bytes >= fullBytes;
        return overflow;
    }

    /**
     * Everything held, in sequence order; holds nothing afterwards. Whether it is full stays as it was until
     * the next {@link #hold}, so a fetch meanwhile stays sparing.
     */
    List<M> takeAll() {
        List<M> all = new ArrayList<>(bySequence.values());
        bySequence.clear();
        count = 0;
        bytes = 0;
        return all;
    }

    /** Runs on each held message; safe from another thread while the poller adds and takes. */
    void forEach(Consumer<M> action) {
        bySequence.values().forEach(action);
    }

    /** Whether it holds as much as it may: fetch sparingly until the gap is filled. */
    boolean full() {
        return full;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    long bytes() {
        return bytes;
    }
}
