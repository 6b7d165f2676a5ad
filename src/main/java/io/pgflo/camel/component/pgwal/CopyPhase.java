package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.component.pgwal.replication.ExportedSnapshot;
import io.pgflo.camel.component.pgwal.replication.ReplicationSession;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.snapshot.CopyPlan;
import io.pgflo.camel.snapshot.CopyProgress;
import io.pgflo.camel.snapshot.CopyState;
import io.pgflo.camel.snapshot.CopyTable;
import io.pgflo.camel.snapshot.RangeKey;
import io.pgflo.camel.snapshot.RangePlanner;
import io.pgflo.camel.snapshot.SnapshotCopier;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial copy of modes copy and copy-and-stream: reads the plan's unfinished ranges at the snapshot
 * and sends them through the route, records each range once its rows are durable, and retries with a new
 * attempt after a failed exchange. Returns when every range is finished.
 */
final class CopyPhase {

    private static final Logger LOG = LoggerFactory.getLogger(CopyPhase.class);

    private final PgWalConsumer consumer;
    private final PgWalConfiguration config;
    private final ConnectionSettings settings;
    private final CopyState state;
    private final DispatchState running;
    private final ScheduledExecutorService timer;

    CopyPhase(PgWalConsumer consumer, PgWalConfiguration config, ConnectionSettings settings, DispatchState running,
              ScheduledExecutorService timer) {
        this.consumer = consumer;
        this.config = config;
        this.settings = settings;
        this.state = config.getCopyState();
        this.running = running;
        this.timer = timer;
    }

    /** A fresh plan for the tables, numbering copied rows just below {@code streamStart}. */
    CopyPlan plan(List<CopyTable> tables, Lsn streamStart) {
        List<CopyPlan.Table> planned = new ArrayList<>();
        for (CopyTable table : tables) {
            planned.add(new CopyPlan.Table(table.name(),
                    RangePlanner.split(table.pages(), config.getCopyWorkersPerTable(), config.getCopyPagesPerRange())));
        }
        return new CopyPlan(streamStart, planned);
    }

    /**
     * Copies what the plan still lacks, at the snapshot.
     *
     * @return false when the consumer stopped before the copy finished
     */
    boolean run(CopyPlan plan, List<CopyTable> tables, ExportedSnapshot snapshot) throws InterruptedException {
        long backoff = config.getReconnectDelay();
        TransactionInfo position = TransactionInfo.snapshot(Lsn.of(plan.streamStart().value() - 1), Instant.now());
        Map<RangeKey, Long> done = state.finishedRanges();
        CopyProgress progress = new CopyProgress(System::nanoTime);
        for (int t = 0; t < tables.size(); t++) {
            int before = 0;
            long rowsBefore = 0;
            for (Map.Entry<RangeKey, Long> entry : done.entrySet()) {
                if (entry.getKey().table() == t) {
                    before++;
                    rowsBefore += entry.getValue();
                }
            }
            progress.table(tables.get(t).name(), tables.get(t).estimatedRows(), plan.tables().get(t).ranges().size(),
                    before, rowsBefore);
        }
        if (!done.isEmpty()) {
            LOG.info("Resuming the copy of {}: {} of {} ranges finished before this start are not copied again",
                    plan.tableNames(), done.size(), plan.rangeKeys().size());
        }
        ScheduledFuture<?> reports = timer.scheduleAtFixedRate(() -> progress.report().forEach(LOG::info),
                config.getCopyProgressInterval(), config.getCopyProgressInterval(), TimeUnit.MILLISECONDS);
        try {
            while (running.running()) {
                Map<RangeKey, Long> finished = state.finishedRanges();
                if (finished.size() == plan.rangeKeys().size()) {
                    progress.summary().forEach(LOG::info);
                    return true;
                }
                long attempt = state.beginAttempt();
                try {
                    attempt(plan, tables, snapshot, position, attempt, finished, progress);
                    backoff = config.getReconnectDelay();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (!running.running()) {
                        break;
                    }
                    consumer.getExceptionHandler().handleException("pgwal: copy attempt " + attempt + " of "
                            + plan.tableNames() + " failed; unfinished ranges are copied again in " + backoff + " ms", e);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, config.getReconnectMaxDelay());
                }
            }
            return false;
        } finally {
            reports.cancel(false);
        }
    }

    private void attempt(CopyPlan plan, List<CopyTable> tables, ExportedSnapshot snapshot, TransactionInfo position,
                         long attempt, Map<RangeKey, Long> finished, CopyProgress progress) throws Exception {
        CopyDispatcher dispatcher = new CopyDispatcher(consumer, config, position, attempt);
        SnapshotCopier copier = new SnapshotCopier(this::openSnapshotConnection, snapshot.name(), plan, tables,
                config.getCopyWorkersPerTable(), config.getCopyMaxConnections(), config.getCopyChunkSize(),
                config.getCopyChunkBytes(), position, progress, running::running);
        java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread recorder = new Thread(() -> record(dispatcher, plan, progress, recording),
                "pgwal-copy-state-" + config.resolvedSlot());
        recorder.setDaemon(true);
        recorder.start();
        Exception failure = null;
        try {
            copier.run(finished.keySet(), dispatcher);
        } catch (Exception e) {
            failure = e;
        }
        dispatcher.awaitIdle();
        // Not an interrupt: a write to the copy state must not be cut off halfway.
        recording.set(false);
        recorder.join();
        drain(dispatcher, plan, progress);
        if (dispatcher.failure() != null) {
            throw dispatcher.failure();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Writes finished ranges to the copy state as they come, so a crash loses little. */
    private void record(CopyDispatcher dispatcher, CopyPlan plan, CopyProgress progress,
                        java.util.concurrent.atomic.AtomicBoolean recording) {
        try {
            while (recording.get()) {
                Map.Entry<RangeKey, Long> entry = dispatcher.nextFinished(200);
                if (entry != null) {
                    try {
                        finish(entry, plan, progress);
                    } catch (RuntimeException e) {
                        // Not recorded means copied again after a restart: wasteful, never wrong.
                        LOG.warn("could not record copy range {} as finished: {}", entry.getKey().id(), e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(CopyDispatcher dispatcher, CopyPlan plan, CopyProgress progress) throws InterruptedException {
        Map.Entry<RangeKey, Long> entry;
        while ((entry = dispatcher.nextFinished(0)) != null) {
            finish(entry, plan, progress);
        }
    }

    private void finish(Map.Entry<RangeKey, Long> entry, CopyPlan plan, CopyProgress progress) {
        state.rangeFinished(entry.getKey(), entry.getValue());
        progress.rangeDone(plan.tables().get(entry.getKey().table()).name());
        LOG.debug("copy range {} ({} {}) finished: {} rows", entry.getKey().id(),
                plan.tables().get(entry.getKey().table()).name(), plan.range(entry.getKey()), entry.getValue());
    }

    private Connection openSnapshotConnection() throws java.sql.SQLException {
        Connection connection = settings.openSql();
        try {
            ReplicationSession.pinValueFormats(connection);
            return connection;
        } catch (java.sql.SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void sleep(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (running.running() && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(100, deadline - System.currentTimeMillis())));
        }
    }
}
