package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.component.pgwal.replication.PublicationSetup;
import io.pgflo.camel.component.pgwal.replication.ReplicaIdentityCheck;
import io.pgflo.camel.component.pgwal.replication.SlotSetup;
import io.pgflo.camel.event.TableName;
import java.sql.Connection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the publication and slot at start, then runs a reader thread (replication stream to chunks)
 * and a dispatcher thread (chunks to exchanges). See {@link WalReader} and {@link ChunkDispatcher}.
 */
public class PgWalConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PgWalConsumer.class);

    private final PgWalConfiguration config;
    private ExecutorService threads;
    private DispatchState state;

    public PgWalConsumer(PgWalEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration().copy();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        config.validate();
        ConnectionSettings settings = new ConnectionSettings(config.getHost(), config.getPort(), config.getDatabase(),
                config.getUser(), config.getPassword(), config.getSslMode(), config.getJdbcProperties(),
                config.getConnectTimeout());
        boolean messages = prepareSource(settings);
        state = new DispatchState();
        BlockingQueue<PendingChunk> queue = new ArrayBlockingQueue<>(config.getMaxPendingChunks());
        threads = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "pgwal-" + config.resolvedSlot(), 2);
        threads.submit(new WalReader(config, settings, queue, state, getExceptionHandler()));
        threads.submit(new ChunkDispatcher(this, config, queue, state));
        LOG.debug("pgwal consumer started on slot {} ({}), logical messages {}", config.resolvedSlot(), settings,
                messages ? "on" : "off");
    }

    /** Creates or checks the publication and slot; returns whether logical messages can be requested. */
    private boolean prepareSource(ConnectionSettings settings) throws Exception {
        try (Connection sql = settings.openSql()) {
            PublicationSetup publications = new PublicationSetup(sql);
            publications.ensure(config.resolvedPublication(), config.getSchema(), config.tableList(),
                    config.isCreatePublication());
            for (TableName table : ReplicaIdentityCheck.keylessTables(sql, config.resolvedPublication())) {
                LOG.warn(ReplicaIdentityCheck.warning(table));
            }
            SlotSetup.ensure(settings, sql, config.resolvedSlot(), config.isCreateSlot());
            boolean supported = sql.getMetaData().getDatabaseMajorVersion() >= 14;
            if (config.isLogicalMessages() && !supported) {
                LOG.warn("PostgreSQL before 14 cannot send pg_logical_emit_message through pgoutput; slot {} streams"
                        + " without them", config.resolvedSlot());
            }
            config.setLogicalMessages(config.isLogicalMessages() && supported);
            return config.isLogicalMessages();
        }
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
        super.doStop();
    }
}
