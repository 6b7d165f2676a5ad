package io.pgflo.camel.component.jetstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Fetches bounded batches through one pull subscription kept for the consumer's life.
 *
 * <p>A subscription per fetch (jnats' simplified {@code fetch}) is closed when the client's wait ends, and
 * the client's wait starts before the server's: a message the server sends just as the pull expires can
 * then reach a subscription that is gone. The server counts it as delivered and sends it again only after
 * the ack wait, and every later message waits behind it. Here such a message lands in the same
 * subscription and is the first one the next fetch takes.
 *
 * @param <M> a message; its size is what {@code size} says
 */
final class PullFetcher<M> {

    /** The pull subscription, as far as fetching needs it. */
    interface Source<M> {
        /**
         * Asks for up to {@code messages} messages and about {@code maxBytes}, "no wait" with an expiry: the
         * server ends the pull once it has sent what is available, and waits only while nothing is.
         */
        void pull(int messages, long maxBytes, long expiresMillis);

        /**
         * The next message, waiting at most {@code waitMillis} (0: only one already here); null when none
         * came, or when a pull ended before one did.
         */
        M next(long waitMillis) throws InterruptedException;
    }

    /** How much longer than the server the client waits for a pull, so that pulls never overlap. */
    static final long CLIENT_GRACE_MILLIS = 250;
    private static final long ALREADY_HERE = Long.MIN_VALUE;

    private final Source<M> source;
    private final ToLongFunction<M> size;
    /** Taken from the subscription but over the bound of the fetch that took it: first in the next one. */
    private final Deque<M> carried = new ArrayDeque<>();

    PullFetcher(Source<M> source, ToLongFunction<M> size) {
        this.source = source;
        this.size = size;
    }

    /**
     * Up to {@code wanted} messages and about {@code maxBytes} (a single larger message still comes alone):
     * first those that arrived after an earlier fetch ended, else those of a new pull.
     */
    List<M> fetch(int wanted, long maxBytes, long expiresMillis) throws InterruptedException {
        Batch batch = new Batch(wanted, maxBytes);
        try {
            return fill(batch, expiresMillis);
        } catch (InterruptedException | RuntimeException e) {
            // Taken already, so the server will not send them again before the ack wait: keep them, in order.
            for (int i = batch.messages.size() - 1; i >= 0; i--) {
                carried.addFirst(batch.messages.get(i));
            }
            throw e;
        }
    }

    private List<M> fill(Batch batch, long expiresMillis) throws InterruptedException {
        while (!carried.isEmpty() && batch.offer(carried.peekFirst())) {
            carried.removeFirst();
        }
        take(batch, ALREADY_HERE);
        if (!batch.messages.isEmpty()) {
            return batch.messages;
        }
        source.pull(batch.wanted, batch.maxBytes, expiresMillis);
        take(batch, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(expiresMillis + CLIENT_GRACE_MILLIS));
        return batch.messages;
    }

    /**
     * Takes messages until the batch is full, a pull ends, or none comes by the deadline ({@link #ALREADY_HERE}:
     * only those already in the subscription). One over the batch's bound waits for the next fetch.
     */
    private void take(Batch batch, long deadlineNanos) throws InterruptedException {
        while (batch.open()) {
            long waitMillis = 0;
            if (deadlineNanos != ALREADY_HERE) {
                waitMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (waitMillis < 1) {
                    return;
                }
            }
            M message = source.next(waitMillis);
            if (message == null) {
                return;
            }
            if (!batch.offer(message)) {
                carried.addLast(message);
                return;
            }
        }
    }

    /**
     * Everything taken from the subscription and not handed out, for handing back when the consumer stops.
     */
    List<M> drain() throws InterruptedException {
        List<M> left = new ArrayList<>(carried);
        carried.clear();
        // A null ends what is there, or only a pull's end: look once more after it.
        for (int nulls = 0; nulls < 2; ) {
            M message = source.next(0);
            if (message == null) {
                nulls++;
            } else {
                left.add(message);
            }
        }
        return left;
    }

    private final class Batch {
        final List<M> messages = new ArrayList<>();
        private final int wanted;
        private final long maxBytes;
        private long bytes;

        Batch(int wanted, long maxBytes) {
            this.wanted = wanted;
            this.maxBytes = maxBytes;
        }

        boolean open() {
            return messages.size() < wanted && bytes < maxBytes;
        }

        boolean offer(M message) {
            long messageBytes = size.applyAsLong(message);
            if (!messages.isEmpty() && (messages.size() >= wanted || bytes + messageBytes > maxBytes)) {
                return false;
            }
            messages.add(message);
            bytes += messageBytes;
            return true;
        }
    }
}
