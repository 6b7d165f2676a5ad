package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.snapshot.RangeKey;
import io.pgflo.camel.snapshot.SnapshotCopier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns copied rows into exchanges for one copy attempt. Positions must rise along the stream, so numbering
 * and sending happen under one lock, in the order the copy workers hand rows over. A range is finished once
 * every exchange of it completed; finished ranges queue up for the copy state.
 */
final class CopyDispatcher implements SnapshotCopier.Output {

    /** Each attempt numbers its rows from attempt << 40, so a later attempt's rows sort after an earlier one's. */
    static final int ATTEMPT_SHIFT = 40;

    private final PgWalConsumer consumer;
    private final PgWalConfiguration config;
    private final TransactionInfo snapshot;
    private final String session;
    private final Semaphore window;
    private final Map<RangeKey, RangeCount> ranges = new HashMap<>();
    private final BlockingQueue<Map.Entry<RangeKey, Long>> finished = new LinkedBlockingQueue<>();
    private volatile Exception failure;
    private long nextSeq;

    CopyDispatcher(PgWalConsumer consumer, PgWalConfiguration config, TransactionInfo snapshot, long attempt) {
        this.consumer = consumer;
        this.config = config;
        this.snapshot = snapshot;
        this.session = "copy-" + attempt;
        this.window = new Semaphore(config.getMaxInflightExchanges());
        this.nextSeq = attempt << ATTEMPT_SHIFT;
    }

    private static final class RangeCount {
        int outstanding;
        boolean read;
        long rows;
    }

    @Override
    public synchronized void rows(RangeKey range, List<ChangeEvent> rows) throws InterruptedException {
        if (failure != null) {
            throw new CopyAborted(failure);
        }
        RowChange first = (RowChange) rows.get(0);
        Exchange exchange = consumer.createExchange(false);
        Message message = exchange.getIn();
        message.setBody(rows);
        message.setHeader(PgWalConstants.SLOT, config.resolvedSlot());
        message.setHeader(PgWalConstants.SESSION, session);
        message.setHeader(PgWalConstants.SNAPSHOT, true);
        message.setHeader(PgWalConstants.TABLE, first.table().toString());
        message.setHeader(PgWalConstants.LSN, snapshot.commitLsn().toString());
        message.setHeader(PgWalConstants.COMMIT_LSN, snapshot.commitLsn().toString());
        message.setHeader(PgWalConstants.COMMIT_TIME, snapshot.commitTime());
        message.setHeader(PgWalConstants.XID, snapshot.xid().value());
        message.setHeader(PgWalConstants.CHUNK_INDEX, 0);
        message.setHeader(PgWalConstants.FIRST_SEQ, nextSeq);
        message.setHeader(PgWalConstants.LAST_CHUNK, false);
        message.setHeader(PgWalConstants.EVENT_COUNT, rows.size());
        nextSeq += rows.size();
        synchronized (ranges) {
            ranges.computeIfAbsent(range, k -> new RangeCount()).outstanding++;
        }
        window.acquire();
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() != null) {
                    if (failure == null) {
                        failure = exchange.getException();
                    }
                } else {
                    completed(range);
                }
            } finally {
                consumer.releaseExchange(exchange, false);
                window.release();
            }
        });
    }

    @Override
    public void rangeRead(RangeKey range, long rows) {
        synchronized (ranges) {
            RangeCount count = ranges.computeIfAbsent(range, k -> new RangeCount());
            count.read = true;
            count.rows = rows;
            finishIfDone(range, count);
        }
    }

    private void completed(RangeKey range) {
        synchronized (ranges) {
            RangeCount count = ranges.get(range);
            count.outstanding--;
            finishIfDone(range, count);
        }
    }

    private void finishIfDone(RangeKey range, RangeCount count) {
        if (count.read && count.outstanding == 0) {
            ranges.remove(range);
            finished.add(Map.entry(range, count.rows));
        }
    }

    /** The next range whose rows are all durable, waiting up to the timeout; null when none. */
    Map.Entry<RangeKey, Long> nextFinished(long timeoutMillis) throws InterruptedException {
        return finished.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits until no exchange is in flight. */
    void awaitIdle() throws InterruptedException {
        window.acquire(config.getMaxInflightExchanges());
        window.release(config.getMaxInflightExchanges());
    }

    /** The first failed exchange's error, or null. */
    Exception failure() {
        return failure;
    }

    /** Stops a copy worker after a failed exchange; the attempt is then retried. */
    static final class CopyAborted extends RuntimeException {
        CopyAborted(Exception cause) {
            super("an earlier exchange of the copy failed: " + cause.getMessage(), cause);
        }
    }
}
