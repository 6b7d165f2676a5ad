package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.component.pgwal.replication.ReplicationSession;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.EventAssembler;
import io.pgflo.camel.event.TransactionChunker;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.PgOutputDecoder;
import io.pgflo.camel.pgoutput.PgOutputMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread: owns the replication session, decodes messages into chunks, hands them to the
 * dispatcher through a bounded queue, and sends status updates, also while the queue is full.
 * After a failed exchange or a lost connection it reconnects from the last durable position, with
 * back-off, so nothing is ever skipped.
 */
final class WalReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WalReader.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long CONFIRM_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PgWalConfiguration config;
    private final ConnectionSettings settings;
    private final BlockingQueue<PendingChunk> queue;
    private final DispatchState state;
    private final ExceptionHandler exceptionHandler;
    private long lastPromptConfirm;
    private Lsn lastSentConfirm = Lsn.ZERO;

    WalReader(PgWalConfiguration config, ConnectionSettings settings, BlockingQueue<PendingChunk> queue,
              DispatchState state, ExceptionHandler exceptionHandler) {
        this.config = config;
        this.settings = settings;
        this.queue = queue;
        this.state = state;
        this.exceptionHandler = exceptionHandler;
    }

    @Override
    public void run() {
        long backoff = config.getReconnectDelay();
        while (state.running()) {
            long generation = state.nextGeneration();
            Lsn resumeFrom = state.durable();
            boolean streamed = false;
            try (ReplicationSession session = ReplicationSession.open(settings, config.resolvedSlot(),
                    config.resolvedPublication(), resumeFrom, config.getStatusInterval(), config.isLogicalMessages())) {
                LOG.debug("Streaming slot {} from {}", config.resolvedSlot(), resumeFrom.isZero() ? "its confirmed position" : resumeFrom);
                streamed = true;
                backoff = config.getReconnectDelay();
                stream(session, generation);
            } catch (SessionAbandoned e) {
                LOG.debug("Session {} of slot {} abandoned after a failed exchange", generation, config.resolvedSlot());
            } catch (Exception e) {
                if (!state.running()) {
                    return;
                }
                exceptionHandler.handleException("pgwal: replication of slot " + config.resolvedSlot() + " failed"
                        + (streamed ? "" : " to connect") + "; reconnecting from " + state.durable() + " in " + backoff + " ms", e);
            }
            if (!state.running()) {
                return;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, config.getReconnectMaxDelay());
        }
    }

    private void stream(ReplicationSession session, long generation) throws Exception {
        EventAssembler assembler = new EventAssembler();
        TransactionChunker chunker = new TransactionChunker(
                config.isExchangePerChange() ? Integer.MAX_VALUE : config.getChunkSize(),
                config.isExchangePerChange() ? Long.MAX_VALUE : config.getChunkBytes(),
                chunk -> enqueue(session, new PendingChunk(generation, chunk)));
        while (state.running()) {
            if (state.hasFailed(generation)) {
                throw new SessionAbandoned();
            }
            confirmPromptly(session);
            ByteBuffer payload = session.readPending();
            if (payload == null) {
                if (assembler.currentTransaction() == null && state.nothingInFlight() && !state.hasFailed(generation)) {
                    // Everything received is durable downstream, and the server sends a transaction only
                    // after its commit, so no transaction committed before its reported position is still
                    // to come. Confirming that position keeps a quiet slot from pinning WAL.
                    state.markDurable(session.lastReceivedLsn());
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            Lsn walStart = session.lastReceivedLsn();
            PgOutputMessage message = PgOutputDecoder.decode(payload);
            if (message instanceof PgOutputMessage.Commit commit) {
                assembler.accept(message, walStart);
                chunker.commit(commit.endLsn());
                continue;
            }
            ChangeEvent event = assembler.accept(message, walStart);
            if (message instanceof PgOutputMessage.Begin) {
                chunker.begin(assembler.currentTransaction());
            } else if (event != null) {
                chunker.add(event);
            }
        }
    }

    /**
     * Sends a newly durable position soon rather than at the next status interval, so the server can
     * recycle WAL early and a restart replays little. At most one extra update per {@link #CONFIRM_PAUSE_NANOS}.
     */
    private void confirmPromptly(ReplicationSession session) throws java.sql.SQLException {
        session.confirm(state.durable());
        Lsn confirmed = session.confirmed();
        long now = System.nanoTime();
        if (confirmed.isAfter(lastSentConfirm) && now - lastPromptConfirm >= CONFIRM_PAUSE_NANOS) {
            session.sendStatus();
            lastSentConfirm = confirmed;
            lastPromptConfirm = now;
        }
    }

    /** Waits for room in the queue, sending status updates meanwhile so the walsender stays alive. */
    private void enqueue(ReplicationSession session, PendingChunk pending) {
        try {
            long lastStatus = System.nanoTime();
            long statusNanos = TimeUnit.MILLISECONDS.toNanos(config.getStatusInterval());
            state.chunkQueued();
            while (!queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
                if (!state.running() || state.hasFailed(pending.generation())) {
                    state.chunkDone();
                    throw new SessionAbandoned();
                }
                if (System.nanoTime() - lastStatus >= statusNanos) {
                    session.confirm(state.durable());
                    session.sendStatus();
                    lastStatus = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            state.chunkDone();
            Thread.currentThread().interrupt();
            throw new SessionAbandoned();
        } catch (java.sql.SQLException e) {
            state.chunkDone();
            throw new IllegalStateException("sending a status update while downstream is busy", e);
        }
    }

    private void sleep(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (state.running() && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(100, deadline - System.currentTimeMillis())));
        }
    }

    /** Unwinds the reader out of a session whose exchanges failed; the session is then reopened. */
    private static final class SessionAbandoned extends RuntimeException {
        SessionAbandoned() {
            super(null, null, false, false);
        }
    }
}
