package io.pgflo.camel.component.pgwal.replication;

import io.pgflo.camel.ddl.DdlScripts;
import io.pgflo.camel.event.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs and removes DDL capture on a source database: the shared event triggers and functions in
 * schema {@code pgflo}, and one group's rows in {@code pgflo.ddl_groups}. Both run in one transaction
 * under an advisory lock, so two replicators starting (or a replicator and a cleanup) at once do not
 * race on the same objects.
 */
public final class DdlCaptureSetup {

    /** The advisory lock key of DDL capture's objects: "pgflo-ddl" in ASCII. */
    private static final long LOCK = 0x7067666c6f2d64L;

    private DdlCaptureSetup() {
    }

    /**
     * Installs or updates the capture objects and registers the group's tables.
     *
     * @param tables the group's tables; empty means every table of {@code schema}
     */
    public static void install(Connection sql, String group, String prefix, String schema, List<TableName> tables)
            throws SQLException {
        if (sql.getMetaData().getDatabaseMajorVersion() < 14) {
            throw new IllegalStateException("--track-ddl needs PostgreSQL 14 or later, where pgoutput carries logical"
                    + " messages; this server is " + sql.getMetaData().getDatabaseProductVersion());
        }
        inTransaction(sql, () -> {
            for (String statement : DdlScripts.captureStatements()) {
                try (Statement st = sql.createStatement()) {
                    st.execute(statement);
                } catch (SQLException e) {
                    if ("42501".equals(e.getSQLState())) {
                        throw new SQLException("--track-ddl installs event triggers, which needs a superuser on the"
                                + " source: " + e.getMessage(), e.getSQLState(), e);
                    }
                    throw e;
                }
            }
            try (PreparedStatement delete = sql.prepareStatement("DELETE FROM pgflo.ddl_groups WHERE group_name = ?")) {
                delete.setString(1, group);
                delete.executeUpdate();
            }
            for (Map.Entry<String, List<String>> entry : bySchema(schema, tables).entrySet()) {
                String[] names = entry.getValue().toArray(String[]::new);
                try (PreparedStatement insert = sql.prepareStatement(
                        "INSERT INTO pgflo.ddl_groups (group_name, schema_name, message_prefix, tables) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, group);
                    insert.setString(2, entry.getKey());
                    insert.setString(3, prefix);
                    insert.setArray(4, sql.createArrayOf("text", names));
                    insert.executeUpdate();
                }
                // Describe the tables now, so their first command can say what it changed (a column
                // rename, an index drop). Descriptions kept by the trigger since are newer: left alone.
                try (PreparedStatement seed = sql.prepareStatement(
                        "INSERT INTO pgflo.ddl_tables (relid, state) SELECT c.oid, pgflo.ddl_describe(c.oid)"
                                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relpersistence <> 't'"
                                + " AND (cardinality(?::text[]) = 0 OR c.relname = ANY (?::text[]))"
                                + " ON CONFLICT (relid) DO NOTHING")) {
                    seed.setString(1, entry.getKey());
                    seed.setArray(2, sql.createArrayOf("text", names));
                    seed.setArray(3, sql.createArrayOf("text", names));
                    seed.executeUpdate();
                }
            }
        });
    }

    /**
     * Removes the group's rows; when no group is left, also the event triggers, functions, tables and
     * (when empty) schema {@code pgflo}.
     *
     * @return what was removed, one line each, for the cleanup command to print
     */
    public static List<String> remove(Connection sql, String group) throws SQLException {
        List<String> removed = new ArrayList<>();
        if (!exists(sql, "SELECT 1 FROM pg_namespace WHERE nspname = 'pgflo'")
                || !exists(sql, "SELECT 1 FROM pg_class WHERE oid = to_regclass('pgflo.ddl_groups')")) {
            return removed;
        }
        inTransaction(sql, () -> {
            try (PreparedStatement delete = sql.prepareStatement("DELETE FROM pgflo.ddl_groups WHERE group_name = ?")) {
                delete.setString(1, group);
                if (delete.executeUpdate() > 0) {
                    removed.add("removed DDL tracking of group " + group);
                }
            }
            if (!exists(sql, "SELECT 1 FROM pgflo.ddl_groups")) {
                try (Statement st = sql.createStatement()) {
                    st.execute("DROP EVENT TRIGGER IF EXISTS pgflo_ddl_command_end");
                    st.execute("DROP EVENT TRIGGER IF EXISTS pgflo_ddl_sql_drop");
                    st.execute("DROP FUNCTION IF EXISTS pgflo.ddl_command_end(), pgflo.ddl_sql_drop(),"
                            + " pgflo.ddl_emit(oid, text, text, text, boolean), pgflo.ddl_describe(oid)");
                    st.execute("DROP TABLE IF EXISTS pgflo.ddl_tables, pgflo.ddl_groups");
                }
                removed.add("dropped the DDL event triggers and their functions (no group tracks DDL any more)");
                if (!exists(sql, "SELECT 1 FROM pg_depend d JOIN pg_namespace n ON d.refobjid = n.oid"
                        + " WHERE n.nspname = 'pgflo' AND d.refclassid = 'pg_namespace'::regclass")) {
                    try (Statement st = sql.createStatement()) {
                        st.execute("DROP SCHEMA pgflo");
                    }
                }
            }
        });
        return removed;
    }

    private static Map<String, List<String>> bySchema(String schema, List<TableName> tables) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            result.put(schema, List.of());
        }
        for (TableName table : tables) {
            result.computeIfAbsent(table.schema(), s -> new ArrayList<>()).add(table.table());
        }
        return result;
    }

    private static boolean exists(Connection sql, String query) throws SQLException {
        try (Statement st = sql.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next();
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection sql, Work work) throws SQLException {
        boolean autoCommit = sql.getAutoCommit();
        sql.setAutoCommit(false);
        try {
            try (PreparedStatement lock = sql.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK);
                lock.execute();
            }
            work.run();
            sql.commit();
        } catch (SQLException | RuntimeException e) {
            sql.rollback();
            throw e;
        } finally {
            sql.setAutoCommit(autoCommit);
        }
    }
}
