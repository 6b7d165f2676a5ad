package io.pgflo.camel.schemasync;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.schemadump.DumpEntry;
import io.pgflo.camel.schemadump.ObjectName;
import io.pgflo.camel.schemadump.SchemaDumpException;
import io.pgflo.camel.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the target has, and applying the dump to it, all in the one transaction of the caller's connection. */
final class TargetSchema {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSchema.class);

    /** Serialises schema syncs of several workers on one target, so two never create the same object at once. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('pgflo schema sync'))";

    private final Connection connection;
    private final String describe;

    TargetSchema(Connection connection, String describe) {
        this.connection = connection;
        this.describe = describe;
    }

    void lock() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(LOCK);
        }
    }

    Set<TableName> existingTables(Collection<TableName> tables) throws SQLException {
        Set<TableName> result = new LinkedHashSet<>();
        for (TableName table : tables) {
            if (exists("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')", table.schema(), table.table())) {
                result.add(table);
            }
        }
        return result;
    }

    Set<ObjectName> existingTypes(Collection<ObjectName> types) throws SQLException {
        Set<ObjectName> result = new LinkedHashSet<>();
        for (ObjectName type : types) {
            if (exists("SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE n.nspname = ? AND t.typname = ?", type.schema(), type.name())) {
                result.add(type);
            }
        }
        return result;
    }

    Set<ObjectName> existingSequences(Collection<ObjectName> sequences) throws SQLException {
        Set<ObjectName> result = new LinkedHashSet<>();
        for (ObjectName sequence : sequences) {
            if (exists("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind = 'S'", sequence.schema(), sequence.name())) {
                result.add(sequence);
            }
        }
        return result;
    }

    Set<String> existingSchemas(Collection<String> schemas) throws SQLException {
        Set<String> result = new LinkedHashSet<>();
        for (String schema : schemas) {
            if (exists("SELECT 1 FROM pg_namespace WHERE nspname = ?", schema)) {
                result.add(schema);
            }
        }
        return result;
    }

    private boolean exists(String sql, String... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void createSchemas(List<String> schemas) {
        for (String schema : schemas) {
            run("SCHEMA " + schema, "CREATE SCHEMA IF NOT EXISTS " + SqlIdentifiers.quote(schema));
        }
    }

    /**
     * The dump's session settings. A newer pg_dump may set a parameter an older target does not know
     * (transaction_timeout before PostgreSQL 17); like psql, that one is skipped, in a savepoint.
     */
    void applySettings(List<String> settings) throws SQLException {
        for (String setting : settings) {
            Savepoint savepoint = connection.setSavepoint();
            try (Statement st = connection.createStatement()) {
                st.execute(setting);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                LOG.info("Schema sync: the target {} does not take the dump's setting '{}' ({}); going on without it",
                        describe, setting, e.getMessage());
            }
        }
    }

    void apply(List<DumpEntry> entries) {
        for (DumpEntry entry : entries) {
            run(entry.describe(), entry.sql());
        }
    }

    private void run(String what, String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SchemaDumpException("applying the schema dump to the target " + describe + " failed at " + what
                    + ": " + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + "; nothing was created", e);
        }
    }
}
