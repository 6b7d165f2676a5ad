package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.ChangeChunk;
import io.pgflo.camel.event.ChangeEvent;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The dispatcher thread: turns chunks into exchanges one at a time, in order, and records a
 * transaction's end LSN as durable once its last exchange completed. The first failed exchange fails
 * its session; nothing after it is sent until the reader has reconnected and replayed.
 */
final class ChunkDispatcher implements Runnable {

    private final PgWalConsumer consumer;
    private final PgWalConfiguration config;
    private final BlockingQueue<PendingChunk> queue;
    private final DispatchState state;

    ChunkDispatcher(PgWalConsumer consumer, PgWalConfiguration config, BlockingQueue<PendingChunk> queue,
                    DispatchState state) {
        this.consumer = consumer;
        this.config = config;
        this.queue = queue;
        this.state = state;
    }

    @Override
    public void run() {
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
                if (state.hasFailed(pending.generation())) {
                    continue;
                }
                if (dispatch(pending.chunk())) {
                    ChangeChunk chunk = pending.chunk();
                    if (chunk.last() && chunk.endLsn() != null) {
                        state.markDurable(chunk.endLsn());
                    }
                } else {
                    state.fail(pending.generation());
                }
            } finally {
                state.chunkDone();
            }
        }
    }

    private boolean dispatch(ChangeChunk chunk) {
        List<ChangeEvent> events = chunk.events();
        if (events.isEmpty()) {
            return true;
        }
        if (!config.isExchangePerChange()) {
            return send(chunk, events, events.get(0), chunk.last());
        }
        for (int i = 0; i < events.size(); i++) {
            boolean lastOfTransaction = chunk.last() && i == events.size() - 1;
            if (!send(chunk, events.get(i), events.get(i), lastOfTransaction)) {
                return false;
            }
        }
        return true;
    }

    private boolean send(ChangeChunk chunk, Object body, ChangeEvent first, boolean last) {
        Exchange exchange = consumer.createExchange(false);
        try {
            Message message = exchange.getIn();
            message.setBody(body);
            message.setHeader(PgWalConstants.SLOT, config.resolvedSlot());
            message.setHeader(PgWalConstants.LSN, first.lsn().toString());
            message.setHeader(PgWalConstants.CHUNK_INDEX, chunk.index());
            message.setHeader(PgWalConstants.LAST_CHUNK, last);
            message.setHeader(PgWalConstants.EVENT_COUNT, body instanceof List<?> list ? list.size() : 1);
            if (chunk.transaction() != null) {
                message.setHeader(PgWalConstants.XID, chunk.transaction().xid().value());
                message.setHeader(PgWalConstants.COMMIT_LSN, chunk.transaction().commitLsn().toString());
                message.setHeader(PgWalConstants.COMMIT_TIME, chunk.transaction().commitTime());
            }
            if (last && chunk.endLsn() != null) {
                message.setHeader(PgWalConstants.END_LSN, chunk.endLsn().toString());
            }
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                consumer.getExceptionHandler().handleException("pgwal: exchange for xid "
                        + (chunk.transaction() == null ? "-" : chunk.transaction().xid()) + " at " + first.lsn()
                        + " failed; the slot replays from " + state.durable(), exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }
}
