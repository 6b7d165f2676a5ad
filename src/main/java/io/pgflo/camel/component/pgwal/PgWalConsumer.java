package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.component.pgwal.replication.ExportedSnapshot;
import io.pgflo.camel.component.pgwal.replication.DdlCaptureSetup;
import io.pgflo.camel.component.pgwal.replication.PublicationSetup;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.component.pgwal.replication.ReplicaIdentityCheck;
import io.pgflo.camel.component.pgwal.replication.SlotSetup;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.snapshot.CopyPlan;
import io.pgflo.camel.snapshot.CopyState;
import io.pgflo.camel.snapshot.CopyTable;
import io.pgflo.camel.snapshot.SourceTables;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the publication and slot at start, then runs a reader thread (replication stream to chunks)
 * and a dispatcher thread (chunks to exchanges). See {@link WalReader} and {@link ChunkDispatcher}.
 * In the copy modes a copy of the tables at a snapshot comes first ({@link CopyPhase}).
 */
public class PgWalConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PgWalConsumer.class);

    private final PgWalConfiguration config;
    private ExecutorService threads;
    private ScheduledExecutorService timer;
    private DispatchState state;
    private ConnectionSettings settings;

    public PgWalConsumer(PgWalEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration().copy();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        config.validate();
        settings = new ConnectionSettings(config.getHost(), config.getPort(), config.getDatabase(),
                config.getUser(), config.getPassword(), config.getSslMode(), config.getJdbcProperties(),
                config.getConnectTimeout());
        state = new DispatchState();
        threads = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "pgwal-" + config.resolvedSlot(), 3);
        if (config.copies()) {
            startCopy();
        } else {
            prepareSource(true);
            startStreaming();
        }
    }

    private void startStreaming() {
        BlockingQueue<PendingChunk> queue = new ArrayBlockingQueue<>(config.getMaxPendingChunks());
        threads.submit(new WalReader(config, settings, queue, state, getExceptionHandler()));
        threads.submit(new ChunkDispatcher(this, config, queue, state));
        LOG.debug("pgwal consumer streaming slot {} ({}), logical messages {}", config.resolvedSlot(), settings,
                config.isLogicalMessages() ? "on" : "off");
    }

    /**
     * Creates or checks the publication and, when asked, the slot; decides whether logical messages can be
     * requested.
     */
    private void prepareSource(boolean ensureSlot) throws Exception {
        try (Connection sql = settings.openSql()) {
            PublicationSetup publications = new PublicationSetup(sql);
            publications.ensure(config.resolvedPublication(), config.getSchema(), config.tableList(),
                    config.isCreatePublication());
            for (TableName table : ReplicaIdentityCheck.keylessTables(sql, config.resolvedPublication())) {
                LOG.warn(ReplicaIdentityCheck.warning(table));
            }
            if (ensureSlot) {
                SlotSetup.ensure(settings, sql, config.resolvedSlot(), config.isCreateSlot());
            }
            boolean supported = sql.getMetaData().getDatabaseMajorVersion() >= 14;
            if (config.isTrackDdl()) {
                if (!config.isLogicalMessages()) {
                    throw new IllegalArgumentException("trackDdl needs logicalMessages=true: DDL travels as logical messages");
                }
                DdlCaptureSetup.install(sql, config.ddlName(), PgFloNames.ddlMessagePrefix(config.ddlName()),
                        config.getSchema(), config.tableList());
                LOG.info("DDL tracking on for {} (schema {}, tables {}); messages with prefix {}", config.ddlName(),
                        config.getSchema(), config.tableList().isEmpty() ? "all" : config.tableList(),
                        PgFloNames.ddlMessagePrefix(config.ddlName()));
            }
            if (config.isLogicalMessages() && !supported) {
                LOG.warn("PostgreSQL before 14 cannot send pg_logical_emit_message through pgoutput; slot {} streams"
                        + " without them", config.resolvedSlot());
            }
            config.setLogicalMessages(config.isLogicalMessages() && supported);
        }
    }

    /**
     * Checks the tables and the copy state, takes the snapshot (creating the slot with it when the mode
     * streams and the slot is new), then copies in the background. Anything wrong with the tables fails
     * the start, before anything is copied.
     */
    private void startCopy() throws Exception {
        CopyState copyState = config.getCopyState();
        List<CopyTable> tables;
        Optional<Lsn> slotPosition = Optional.empty();
        try (Connection sql = settings.openSql()) {
            tables = SourceTables.resolve(sql, config.getSchema(), config.tableList(), config.streams());
            if (config.streams()) {
                slotPosition = SlotSetup.confirmedPosition(settings, sql, config.resolvedSlot());
            }
        }
        if (config.streams()) {
            prepareSource(false);
        }
        if (copyState.completed()) {
            LOG.info("The copy of slot {}'s tables finished before; not copying again", config.resolvedSlot());
            copyState.release();
            afterCopy();
            return;
        }
        Optional<CopyPlan> stored = copyState.plan();
        if (stored.isPresent()) {
            requireSameTables(stored.get(), tables);
            if (config.streams() && slotPosition.isEmpty()) {
                throw new IllegalStateException("the copy state holds an unfinished copy, but replication slot "
                        + config.resolvedSlot() + " no longer exists, so the changes made since that copy began are gone."
                        + " Run cleanup for the group (it removes the copy state) and start again");
            }
        }
        if (tables.isEmpty()) {
            LOG.warn("No tables to copy in schema {}", config.getSchema());
        }
        if (config.streams() && slotPosition.isEmpty() && !config.isCreateSlot()) {
            throw new IllegalStateException("replication slot '" + config.resolvedSlot() + "' does not exist and createSlot is false");
        }
        ExportedSnapshot snapshot = config.streams() && slotPosition.isEmpty()
                ? ExportedSnapshot.createSlot(settings, config.resolvedSlot())
                : ExportedSnapshot.ofNow(settings);
        try {
            CopyPhase phase = new CopyPhase(this, config, settings, state, timer());
            Lsn streamStart = stored.map(CopyPlan::streamStart)
                    .orElse(slotPosition.orElse(snapshot.position()));
            CopyPlan plan = stored.orElseGet(() -> phase.plan(tables, streamStart));
            if (stored.isEmpty()) {
                copyState.savePlan(plan);
            }
            threads.submit(() -> copyThenContinue(phase, plan, tables, snapshot));
        } catch (Exception | Error e) {
            snapshot.close();
            throw e;
        }
    }

    private void copyThenContinue(CopyPhase phase, CopyPlan plan, List<CopyTable> tables, ExportedSnapshot snapshot) {
        boolean finished;
        try {
            finished = phase.run(plan, tables, snapshot);
            if (finished) {
                config.getCopyState().markCompleted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            getExceptionHandler().handleException("pgwal: the copy of slot " + config.resolvedSlot() + "'s tables failed;"
                    + " restart to resume it", e);
            ((PgWalEndpoint) getEndpoint()).copyFailed(e);
            return;
        } finally {
            snapshot.close();
            config.getCopyState().release();
        }
        if (finished) {
            afterCopy();
        }
    }

    private void afterCopy() {
        if (config.streams()) {
            startStreaming();
        } else {
            ((PgWalEndpoint) getEndpoint()).copyFinished();
        }
    }

    private void requireSameTables(CopyPlan plan, List<CopyTable> tables) {
        List<TableName> now = tables.stream().map(CopyTable::name).toList();
        if (!now.equals(plan.tableNames())) {
            throw new IllegalStateException("the unfinished copy of slot " + config.resolvedSlot() + " was planned for "
                    + plan.tableNames() + ", but the tables are now " + now + ". Give the same tables to resume it, or run"
                    + " cleanup for the group to start over");
        }
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "pgwal-copy-progress");
        }
        return timer;
    }

    @Override
    protected void doStop() throws Exception {
        if (state != null) {
            state.stop();
        }
        if (threads != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(threads);
            threads = null;
        }
        if (timer != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        super.doStop();
    }
}
