package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.component.jetstream.FailureKind;
import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.ddl.DdlDocument;
import io.pgflo.camel.ddl.DdlDocumentException;
import io.pgflo.camel.ddl.DdlMappingException;
import io.pgflo.camel.ddl.DdlMessages;
import io.pgflo.camel.ddl.DdlPlanner;
import io.pgflo.camel.ddl.DdlStep;
import io.pgflo.camel.ddl.DdlTargetMissingException;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.LogicalMessageEvent;
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
    /** Set when a CONCURRENTLY DDL step committed the batch's transaction part-way. */
    private boolean committedMidway;

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
        // Statements are run as they are planned, so the target works on the first while later ones are planned.
        StatementRunner runner = new StatementRunner(c, options.isBinaryCopy());
        try {
            Position previous = null;
            for (ChangeRecord record : pending) {
                DdlDocument ddl = ddlOf(record);
                if (ddl != null) {
                    // Rows before the DDL go first; rows after it are planned against the changed table.
                    runner.flush();
                    applyDdl(c, record, ddl, previous);
                } else {
                    if (!catalog.holds(tableOf(record))) {
                        // Reading the catalog needs the connection, which a COPY in progress holds.
                        runner.flush();
                    }
                    List<SqlStatement> statements;
                    try {
                        statements = plan(c, record);
                    } catch (IllegalArgumentException e) {
                        throw new SQLException(e.getMessage(), "22000", e);
                    }
                    for (SqlStatement statement : statements) {
                        runner.add(statement);
                    }
                }
                previous = record.position();
            }
            runner.flush();
        } finally {
            boolean staleTypes = runner.staleTypes();
            runner.abandon();
            if (staleTypes) {
                catalog.clear();
            }
        }
        positions.write(c, pending.get(pending.size() - 1).position());
        c.commit();
    }

    private void applyIsolating(List<ChangeRecord> records) throws Exception {
        Connection c = connection();
        List<ChangeRecord> pending = notYetApplied(c, records);
        ChangeDeadLetters deadLetters = getEndpoint().getCamelContext().getRegistry().findSingleByType(ChangeDeadLetters.class);
        Position previous = null;
        for (ChangeRecord record : pending) {
            Savepoint savepoint = c.setSavepoint();
            committedMidway = false;
            try {
                DdlDocument ddl = ddlOf(record);
                if (ddl != null) {
                    applyDdl(c, record, ddl, previous);
                } else {
                    StatementRunner.run(c, plan(c, record));
                }
                if (!committedMidway) {
                    c.releaseSavepoint(savepoint);
                }
            } catch (SQLException | IllegalArgumentException e) {
                if (e instanceof SQLException sql && FailureKind.isTransient(sql)) {
                    throw sql;
                }
                if (committedMidway) {
                    // A CONCURRENTLY step committed what came before; only this DDL's own transaction is open.
                    c.rollback();
                } else {
                    c.rollback(savepoint);
                }
                if (deadLetters == null) {
                    throw new IllegalStateException("the target rejected the change at " + record.position()
                            + " and no dead-letter destination is configured: " + e.getMessage(), e);
                }
                String state = e instanceof SQLException sql ? sql.getSQLState() : "22000";
                deadLetters.send(record, "target rejected the change: " + e.getMessage(),
                        Map.of("Pgflo-Dlq-Sql-State", state == null ? "" : state));
            }
            previous = record.position();
        }
        positions.write(c, pending.get(pending.size() - 1).position());
        c.commit();
    }

    /** The tracked DDL a change carries, or null for any other change. */
    private static DdlDocument ddlOf(ChangeRecord record) throws SQLException {
        if (!(record.event() instanceof LogicalMessageEvent message) || !DdlMessages.isDdl(message)) {
            return null;
        }
        try {
            return DdlMessages.document(message);
        } catch (DdlDocumentException e) {
            throw new SQLException(e.getMessage(), "22000", e);
        }
    }

    /**
     * Reconciles the target's table with a DDL document, in the batch's transaction. A CONCURRENTLY step
     * cannot run in a transaction: the batch so far is committed with the position of the change before
     * the DDL, the step runs on its own, and the batch goes on in a new transaction. A crash in between
     * replays the DDL, and planning against the target's catalog skips what is already done.
     *
     * @param previous the position of the change before this one in the batch, or null
     */
    private void applyDdl(Connection c, ChangeRecord record, DdlDocument ddl, Position previous) throws SQLException {
        List<DdlStep> steps;
        try {
            steps = DdlPlanner.plan(ddl, name -> {
                try {
                    return TargetDdlCatalog.describe(c, name);
                } catch (SQLException e) {
                    throw new CatalogReadFailure(e);
                }
            });
        } catch (CatalogReadFailure e) {
            throw e.sql;
        } catch (DdlTargetMissingException e) {
            throw new SQLException(e.getMessage(), "42P01", e);
        } catch (DdlMappingException e) {
            throw new SQLException(e.getMessage(), "22000", e);
        }
        if (steps.isEmpty()) {
            LOG.info("DDL at {} ({} {}): the target already matches", record.position(), ddl.command(), ddl.object());
            return;
        }
        for (DdlStep step : steps) {
            try (Statement st = c.createStatement()) {
                if (step.outsideTransaction()) {
                    if (previous != null) {
                        positions.write(c, previous);
                    }
                    c.commit();
                    committedMidway = true;
                    c.setAutoCommit(true);
                    try {
                        st.execute(step.sql());
                    } finally {
                        c.setAutoCommit(false);
                    }
                } else {
                    st.execute(step.sql());
                }
            } catch (SQLException e) {
                throw new SQLException("DDL at " + record.position() + " (" + ddl.command() + " " + ddl.object() + "): "
                        + step.what() + " failed: " + e.getMessage(), e.getSQLState(), e);
            }
            LOG.info("DDL at {}: {} ({})", record.position(), step.what(), step.sql());
        }
        catalog.clear();
    }

    /** Carries a catalog read's SQLException through the planner's lookup function. */
    private static final class CatalogReadFailure extends RuntimeException {
        private final SQLException sql;

        CatalogReadFailure(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }

    private List<SqlStatement> plan(Connection c, ChangeRecord record) throws SQLException {
        TableName table = tableOf(record);
        if (table == null) {
            return List.of();
        }
        return StatementPlanner.plan(record, catalog.table(c, table));
    }

    /** The table whose description planning the change needs; null for a change with nothing to apply. */
    private static TableName tableOf(ChangeRecord record) {
        return record.event() instanceof RowChange row ? row.table()
                : record.event() instanceof TruncateEvent truncate ? truncate.tables().get(0) : null;
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
