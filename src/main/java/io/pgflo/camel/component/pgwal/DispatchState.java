package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.pgoutput.Lsn;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the reader thread and the dispatcher thread share. Each replication session is a generation;
 * a failed exchange fails its generation, which makes the reader reconnect and the dispatcher discard
 * whatever that generation had decoded ahead.
 */
final class DispatchState {

    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong failedGeneration = new AtomicLong(-1);
    private final AtomicReference<Lsn> durable = new AtomicReference<>(Lsn.ZERO);
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean running = true;

    long generation() {
        return generation.get();
    }

    long nextGeneration() {
        return generation.incrementAndGet();
    }

    void fail(long failed) {
        failedGeneration.accumulateAndGet(failed, Math::max);
    }

    boolean hasFailed(long gen) {
        return failedGeneration.get() >= gen;
    }

    /** Everything up to {@code lsn} completed downstream. */
    void markDurable(Lsn lsn) {
        durable.accumulateAndGet(lsn, Lsn::max);
    }

    /** The reader handed a chunk to the dispatcher. */
    void chunkQueued() {
        inFlight.incrementAndGet();
    }

    /** The dispatcher finished with a chunk: started its exchanges, or discarded it after a failure. */
    void chunkDone() {
        inFlight.decrementAndGet();
    }

    void exchangeStarted() {
        inFlight.incrementAndGet();
    }

    void exchangeDone() {
        inFlight.decrementAndGet();
    }

    /** True when every chunk handed to the dispatcher, and every exchange it started, has finished. */
    boolean nothingInFlight() {
        return inFlight.get() == 0;
    }

    Lsn durable() {
        return durable.get();
    }

    boolean running() {
        return running;
    }

    void stop() {
        running = false;
    }
}
