package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.component.jetstream.FailureKind;
import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pipeline.ChangeDeadLetters;
import io.pgflo.camel.sink.postgres.SqlStatement;
import io.pgflo.camel.sink.postgres.StatementPlanner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each batch of changes to a PostgreSQL target in one transaction, in commit order, with
 * idempotent statements, and records the batch's last position in the same transaction.
 *
 * <p>A lost connection or a restarting target fails the exchange as transient, so the batch comes back
 * later and nothing is lost. A change the target rejects (a constraint, a type error) is retried with its
 * batch; then the batch is applied change by change, each under a savepoint, and only the rejected change
 * goes to the dead-letter stream with the database's error.
 */
public class PostgresSinkProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSinkProducer.class);

    private final PostgresSinkOptions options;
    private final TargetCatalog catalog = new TargetCatalog();
    private ApplyPositionStore positions;
    private Connection connection;

    public PostgresSinkProducer(Endpoint endpoint, PostgresSinkOptions options) {
        super(endpoint);
        this.options = options;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (options.getDatabase() == null || options.getDatabase().isBlank()) {
            throw new IllegalArgumentException("pgflo-sink:postgres needs option 'database' (pg_flo's --target-dbname)");
        }
        String name = options.getSinkName() == null ? "default" : options.getSinkName();
        positions = new ApplyPositionStore(io.pgflo.camel.event.TableName.parse(options.getPositionTable(), "public"), name);
        connection();
        LOG.info("PostgreSQL sink applies to {}:{}/{}", options.getHost(), options.getPort(), options.getDatabase());
    }

    @Override
    protected void doStop() throws Exception {
        closeConnection();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<?> body = exchange.getIn().getBody(List.class);
        List<ChangeRecord> records = new ArrayList<>(body.size());
        body.forEach(r -> records.add((ChangeRecord) r));
        if (records.isEmpty()) {
            return;
        }
        try {
            applyWithRetries(records);
        } catch (Exception e) {
            // Whatever failed (the target, or dead-lettering a rejected change), nothing of this batch may
            // stay in an open transaction that the redelivered batch would then join.
            rollbackQuietly();
            if (!(e instanceof SQLException sql) || FailureKind.isTransient(sql)) {
                closeConnection();
            }
            throw e;
        }
    }

    private void applyWithRetries(List<ChangeRecord> records) throws Exception {
        SQLException rejected = null;
        for (int attempt = 0; attempt <= options.getRejectRetries(); attempt++) {
            try {
                applyBatch(records);
                return;
            } catch (SQLException e) {
                rollbackQuietly();
                if (FailureKind.isTransient(e)) {
                    throw e;
                }
                rejected = e;
                catalog.clear();
                Thread.sleep(200L * (attempt + 1));
            }
        }
        LOG.warn("Target rejected a batch of {} changes ({}); applying them one by one to isolate the rejected ones",
                records.size(), rejected.getMessage());
        applyIsolating(records);
    }

    private void applyBatch(List<ChangeRecord> records) throws SQLException {
        Connection c = connection();
        List<ChangeRecord> pending = notYetApplied(c, records);
        if (pending.isEmpty()) {
            c.rollback();
            return;
        }
        List<SqlStatement> statements = new ArrayList<>();
        for (ChangeRecord record : pending) {
            try {
                statements.addAll(plan(c, record));
            } catch (IllegalArgumentException e) {
                throw new SQLException(e.getMessage(), "22000", e);
            }
        }
        StatementRunner.run(c, statements);
        positions.write(c, pending.get(pending.size() - 1).position());
        c.commit();
    }

    private void applyIsolating(List<ChangeRecord> records) throws Exception {
        Connection c = connection();
        List<ChangeRecord> pending = notYetApplied(c, records);
        ChangeDeadLetters deadLetters = getEndpoint().getCamelContext().getRegistry().findSingleByType(ChangeDeadLetters.class);
        for (ChangeRecord record : pending) {
            Savepoint savepoint = c.setSavepoint();
            try {
                StatementRunner.run(c, plan(c, record));
                c.releaseSavepoint(savepoint);
            } catch (SQLException | IllegalArgumentException e) {
                if (e instanceof SQLException sql && FailureKind.isTransient(sql)) {
                    throw sql;
                }
                c.rollback(savepoint);
                if (deadLetters == null) {
                    throw new IllegalStateException("the target rejected the change at " + record.position()
                            + " and no dead-letter destination is configured: " + e.getMessage(), e);
                }
                String state = e instanceof SQLException sql ? sql.getSQLState() : "22000";
                deadLetters.send(record, "target rejected the change: " + e.getMessage(),
                        Map.of("Pgflo-Dlq-Sql-State", state == null ? "" : state));
            }
        }
        positions.write(c, pending.get(pending.size() - 1).position());
        c.commit();
    }

    private List<SqlStatement> plan(Connection c, ChangeRecord record) throws SQLException {
        TableName table = record.event() instanceof RowChange row ? row.table()
                : record.event() instanceof TruncateEvent truncate ? truncate.tables().get(0) : null;
        if (table == null) {
            return List.of();
        }
        return StatementPlanner.plan(record, catalog.table(c, table));
    }

    private List<ChangeRecord> notYetApplied(Connection c, List<ChangeRecord> records) throws SQLException {
        Position applied = positions.read(c);
        if (applied == null) {
            return records;
        }
        List<ChangeRecord> pending = new ArrayList<>(records.size());
        for (ChangeRecord record : records) {
            if (record.position().isAfter(applied)) {
                pending.add(record);
            }
        }
        return pending;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            ConnectionSettings settings = new ConnectionSettings(options.getHost(), options.getPort(), options.getDatabase(),
                    options.getUser(), options.getPassword(), null,
                    Map.of("ApplicationName", "pgflo-sink", "reWriteBatchedInserts", "true"), 10_000);
            Connection opened = settings.openSql();
            try {
                positions.create(opened);
                if (options.isDisableForeignKeys()) {
                    try (Statement st = opened.createStatement()) {
                        st.execute("SET session_replication_role = replica");
                    }
                }
                opened.setAutoCommit(false);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // The connection is broken; the next batch opens a new one.
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection can fail; it is dropped either way.
            }
            connection = null;
        }
    }
}
