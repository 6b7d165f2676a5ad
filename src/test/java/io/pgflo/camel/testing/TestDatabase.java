package io.pgflo.camel.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of one test; closing it drops its replication slots and the database itself. */
public final class TestDatabase implements AutoCloseable {

    private final PgServer server;
    private final String name;

    TestDatabase(PgServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public PgServer server() {
        return server;
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs statements in autocommit mode, one after another. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("executing on " + name + ": " + e.getMessage(), e);
        }
    }

    public long queryLong(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("querying " + name + ": " + e.getMessage(), e);
        }
    }

    public String queryString(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("querying " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection admin = server.connect(server.adminDatabase())) {
            try (PreparedStatement ps = admin.prepareStatement(
                    "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = ? AND active_pid IS NOT NULL")) {
                ps.setString(1, name);
                ps.execute();
            }
            dropSlots(admin);
            try (Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dropping test database " + name, e);
        }
    }

    private void dropSlots(Connection admin) throws SQLException {
        // A terminated walsender may take a moment to release its slot.
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement ps = admin.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = ?")) {
                ps.setString(1, name);
                ps.execute();
                return;
            } catch (SQLException e) {
                if (attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
