package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.ChangeChunk;
import io.pgflo.camel.event.ChangeEvent;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The dispatcher thread: turns chunks into exchanges, in order, with up to {@code maxInflightExchanges}
 * of them in the route at once. A transaction's end LSN becomes durable when its exchanges and all
 * earlier ones completed. The first failed exchange fails its session: the dispatcher sends nothing more
 * of it, and the reader reconnects and replays.
 */
final class ChunkDispatcher implements Runnable {

    private final PgWalConsumer consumer;
    private final PgWalConfiguration config;
    private final BlockingQueue<PendingChunk> queue;
    private final DispatchState state;
    private final Semaphore window;
    private final CompletionTracker tracker;
    private long nextSeq;

    ChunkDispatcher(PgWalConsumer consumer, PgWalConfiguration config, BlockingQueue<PendingChunk> queue,
                    DispatchState state) {
        this.consumer = consumer;
        this.config = config;
        this.queue = queue;
        this.state = state;
        this.window = new Semaphore(config.getMaxInflightExchanges());
        this.tracker = new CompletionTracker(state::markDurable);
    }

    @Override
    public void run() {
        long trackedGeneration = -1;
        while (state.running()) {
            PendingChunk pending;
            try {
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending == null) {
                continue;
            }
            try {
                if (pending.generation() != trackedGeneration) {
                    tracker.reset();
                    trackedGeneration = pending.generation();
                }
                if (!state.hasFailed(pending.generation())) {
                    dispatch(pending);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                state.chunkDone();
            }
        }
    }

    private void dispatch(PendingChunk pending) throws InterruptedException {
        ChangeChunk chunk = pending.chunk();
        List<ChangeEvent> events = chunk.events();
        if (chunk.index() == 0) {
            nextSeq = 0;
        }
        if (events.isEmpty()) {
            if (chunk.endLsn() != null) {
                tracker.completed(tracker.open(chunk.endLsn()));
            }
            return;
        }
        if (!config.isExchangePerChange()) {
            send(pending, events, events.get(0), chunk.last());
            return;
        }
        for (int i = 0; i < events.size() && !state.hasFailed(pending.generation()); i++) {
            send(pending, events.get(i), events.get(i), chunk.last() && i == events.size() - 1);
        }
    }

    private void send(PendingChunk pending, Object body, ChangeEvent first, boolean last) throws InterruptedException {
        ChangeChunk chunk = pending.chunk();
        int count = body instanceof List<?> list ? list.size() : 1;
        Exchange exchange = consumer.createExchange(false);
        Message message = exchange.getIn();
        message.setBody(body);
        message.setHeader(PgWalConstants.SLOT, config.resolvedSlot());
        message.setHeader(PgWalConstants.SESSION, pending.generation());
        message.setHeader(PgWalConstants.LSN, first.lsn().toString());
        message.setHeader(PgWalConstants.CHUNK_INDEX, chunk.index());
        message.setHeader(PgWalConstants.FIRST_SEQ, nextSeq);
        message.setHeader(PgWalConstants.LAST_CHUNK, last);
        message.setHeader(PgWalConstants.EVENT_COUNT, count);
        if (chunk.transaction() != null) {
            message.setHeader(PgWalConstants.XID, chunk.transaction().xid().value());
            message.setHeader(PgWalConstants.COMMIT_LSN, chunk.transaction().commitLsn().toString());
            message.setHeader(PgWalConstants.COMMIT_TIME, chunk.transaction().commitTime());
        }
        if (last && chunk.endLsn() != null) {
            message.setHeader(PgWalConstants.END_LSN, chunk.endLsn().toString());
        }
        nextSeq += count;
        Object ticket = tracker.open(last ? chunk.endLsn() : null);
        window.acquire();
        state.exchangeStarted();
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() == null) {
                    tracker.completed(ticket);
                } else if (!state.hasFailed(pending.generation())) {
                    state.fail(pending.generation());
                    consumer.getExceptionHandler().handleException("pgwal: exchange for xid "
                            + (chunk.transaction() == null ? "-" : chunk.transaction().xid()) + " at " + first.lsn()
                            + " failed; the slot replays from " + state.durable(), exchange, exchange.getException());
                }
            } finally {
                consumer.releaseExchange(exchange, false);
                state.exchangeDone();
                window.release();
            }
        });
    }
}
